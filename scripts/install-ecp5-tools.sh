#!/usr/bin/env bash
# Provides nextpnr-ecp5 and ecppack (Project Trellis) for the ECP5 flow.
#
# Where the distribution packages them (Debian 13 "trixie" and later, Ubuntu 24.04 and later),
# they are installed normally with apt-get. On Debian 12 "bookworm", which does not, the Debian 13
# packages are used without touching the system's own libraries:
#   - the binaries and the libraries they need (a newer C library, libstdc++, Boost, Python 3.13)
#     are unpacked into a private prefix (default /opt/zfpe/ecp5-tools) and run there through
#     that prefix's own dynamic loader, by small wrapper scripts in /usr/local/bin;
#   - the two architecture-independent data packages (nextpnr-ecp5-chipdb, fpga-trellis-database)
#     have no dependencies and are installed with dpkg, because nextpnr only looks for its chip
#     database under /usr/share/nextpnr. `apt-get remove` removes them like any other package.
# The packages come from the same Debian mirror as the system's, verified by apt against the
# Debian archive keys. Nothing of the system is replaced: an existing nextpnr-ecp5 or ecppack in
# the wrapper directory that this script did not write is left alone (and the script stops).
#
# Usage: install-ecp5-tools.sh [--prefix DIR] [--bindir DIR] [--mirror URL] [--uninstall] [--force]
#   --prefix DIR   the private prefix (default /opt/zfpe/ecp5-tools)
#   --bindir DIR   where the wrappers go (default /usr/local/bin)
#   --mirror URL   the Debian mirror (default: $DEBIAN_MIRROR or http://deb.debian.org/debian)
#   --uninstall    remove the wrappers, the prefix and the data packages this script installed
#   --force        reinstall even when the same versions are already installed
# Run as root. `zfpe doctor` shows which tool came from where.
set -euo pipefail

prefix=/opt/zfpe/ecp5-tools
bindir=/usr/local/bin
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
suite=trixie
uninstall=0
force=0
marker="# zfpe-ecp5-tools wrapper"
tools=(nextpnr-ecp5 ecppack ecpunpack ecppll ecpbram ecpmulti)
data_packages=(nextpnr-ecp5-chipdb fpga-trellis-database)
# Packages the closure drags in that the tools do not load (configuration front ends, time zones).
not_needed='^(debconf|cdebconf|libdebian-installer4|libnewt0\.52|libslang2|libtextwrap1|tzdata|netbase|readline-common|perl-base|dpkg|tar|base-files|libcrypt1|libaudit1|libaudit-common|libcap-ng0|libcap2)$'

die() { echo "install-ecp5-tools: $*" >&2; exit 1; }

while [[ $# -gt 0 ]]; do
  case $1 in
    --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
    --bindir) bindir=${2:?--bindir needs a directory}; shift 2 ;;
    --mirror) mirror=${2:?--mirror needs a URL}; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    --force) force=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown option '$1' (see --help)" ;;
  esac
done
[[ $(id -u) -eq 0 ]] || die "run as root (it installs into $prefix, $bindir and /usr/share)"
[[ $prefix == /* && $bindir == /* ]] || die "--prefix and --bindir must be absolute paths"

manifest=$prefix/manifest.txt

ours() { [[ -f $1 ]] && grep -qF "$marker" "$1"; }

if [[ $uninstall -eq 1 ]]; then
  for t in "${tools[@]}"; do
    if ours "$bindir/$t"; then rm -f "$bindir/$t" && echo "removed $bindir/$t"; fi
  done
  if [[ -f $manifest ]]; then
    mapfile -t installed_data < <(sed -n 's/^data-package //p' "$manifest" | cut -d' ' -f1)
    if [[ ${#installed_data[@]} -gt 0 ]]; then
      dpkg -r "${installed_data[@]}" && echo "removed ${installed_data[*]}"
    fi
    rm -rf "$prefix" && echo "removed $prefix"
  fi
  exit 0
fi

export DEBIAN_FRONTEND=noninteractive

# 1. The distribution packages the tools: install them normally.
if apt-cache policy nextpnr-ecp5 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  echo "install-ecp5-tools: installing nextpnr-ecp5 and fpga-trellis from the system's package sources"
  apt-get install -y --no-install-recommends nextpnr-ecp5 fpga-trellis
  exit 0
fi

# 2. Otherwise the Debian 13 packages in a private prefix.
for t in "${tools[@]}"; do
  if [[ -e $bindir/$t ]] && ! ours "$bindir/$t"; then
    die "$bindir/$t exists and was not written by this script; remove it or choose another --bindir"
  fi
done

apt_dir=$prefix/apt
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[[ -f $keyring ]] || die "$keyring is missing (install the debian-archive-keyring package)"
echo "deb [signed-by=$keyring] $mirror $suite main" >"$apt_dir/sources.list"
: >"$apt_dir/status"
apt_options=(
  -o "Dir::Etc::SourceList=$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
  -o "Dir::State=$apt_dir" -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::State::status=$apt_dir/status"
  -o "Dir::Cache=$apt_dir/cache" -o APT::Architecture=amd64 -o Debug::NoLocking=1
  -o APT::Sandbox::User=root
)
[[ $(dpkg --print-architecture) == amd64 ]] || die "this fallback supports amd64 only; install nextpnr-ecp5 and ecppack from your distribution"

echo "install-ecp5-tools: reading the Debian $suite package index from $mirror"
apt-get "${apt_options[@]}" -qq update || die "could not read the $suite index from $mirror (set --mirror or DEBIAN_MIRROR)"

version_of() { apt-cache "${apt_options[@]}" show --no-all-versions "$1" | sed -n 's/^Version: //p' | head -1; }
nextpnr_version=$(version_of nextpnr-ecp5)
trellis_version=$(version_of fpga-trellis)
[[ -n $nextpnr_version && -n $trellis_version ]] || die "the $suite index has no nextpnr-ecp5 or fpga-trellis"

if [[ $force -eq 0 && -f $manifest ]] && grep -qx "package nextpnr-ecp5 $nextpnr_version" "$manifest" \
   && grep -qx "package fpga-trellis $trellis_version" "$manifest" && ours "$bindir/nextpnr-ecp5" && ours "$bindir/ecppack"; then
  echo "install-ecp5-tools: nextpnr-ecp5 $nextpnr_version and fpga-trellis $trellis_version are already installed in $prefix"
  exit 0
fi

# The dependency closure of the two tools, as Debian 13 resolves it, minus what they never load.
mapfile -t closure < <(apt-cache "${apt_options[@]}" depends --recurse --no-recommends --no-suggests \
    --no-conflicts --no-breaks --no-replaces --no-enhances nextpnr-ecp5 fpga-trellis \
  | grep -v '^ ' | grep -v '^<' | sort -u | grep -Ev "$not_needed")
echo "install-ecp5-tools: downloading ${#closure[@]} Debian $suite packages"
rm -f "$apt_dir/debs"/*.deb
(cd "$apt_dir/debs" && apt-get "${apt_options[@]}" -qq download "${closure[@]}") || die "downloading the packages failed"

root=$prefix/root
rm -rf "$root.new"
mkdir -p "$root.new"
{
  echo "# Debian $suite packages unpacked by scripts/install-ecp5-tools.sh on $(date -u +%Y-%m-%d) from $mirror"
  echo "suite $suite"
} >"$manifest.new"
data_debs=()
for deb in "$apt_dir/debs"/*.deb; do
  name=$(dpkg-deb -f "$deb" Package)
  version=$(dpkg-deb -f "$deb" Version)
  if printf '%s\n' "${data_packages[@]}" | grep -qx "$name"; then
    data_debs+=("$deb")
    # Record only what this script installs, so that --uninstall leaves a package the user had.
    if ! dpkg-query -W -f '${Status}' "$name" 2>/dev/null | grep -q 'install ok installed' \
       || { [[ -f $manifest ]] && grep -q "^data-package $name " "$manifest"; }; then
      echo "data-package $name $version" >>"$manifest.new"
    fi
    continue
  fi
  dpkg-deb -x "$deb" "$root.new"
  echo "package $name $version" >>"$manifest.new"
done
[[ ${#data_debs[@]} -eq ${#data_packages[@]} ]] || die "the download lacks one of ${data_packages[*]}"
echo "install-ecp5-tools: installing ${data_packages[*]} (chip databases, /usr/share/nextpnr and /usr/share/trellis)"
dpkg -i "${data_debs[@]}" >/dev/null

loader=$root/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2
[[ -x ${loader/$root/$root.new} ]] || die "the unpacked C library has no loader"
rm -rf "$root"
mv "$root.new" "$root"
mv "$manifest.new" "$manifest"
rm -f "$apt_dir/debs"/*.deb

libs=$root/usr/lib/x86_64-linux-gnu:$root/usr/lib/x86_64-linux-gnu/trellis
mkdir -p "$bindir"
for t in "${tools[@]}"; do
  [[ -x $root/usr/bin/$t ]] || die "the packages have no $t"
  extra=""
  # ecppack and friends look for their database beside the running program, which under the
  # private loader is the loader's directory: point them at the installed database instead.
  [[ $t == ecp* ]] && extra='case " $* " in *" --db "*|*" --db="*) ;; *) set -- --db /usr/share/trellis/database "$@" ;; esac'
  cat >"$bindir/$t.new" <<EOF
#!/bin/sh
$marker: Debian $suite $( [[ $t == nextpnr-ecp5 ]] && echo "nextpnr-ecp5 $nextpnr_version" || echo "fpga-trellis $trellis_version") in $prefix
# Runs the Debian $suite binary with its own loader and libraries (this system's C library is
# older). Written by scripts/install-ecp5-tools.sh; remove with: install-ecp5-tools.sh --uninstall
$extra
PYTHONHOME=$root/usr exec $loader --library-path $libs --argv0 $t $root/usr/bin/$t "\$@"
EOF
  chmod 755 "$bindir/$t.new"
  mv -f "$bindir/$t.new" "$bindir/$t"
done

# Smoke test: the binaries start, and nextpnr finds the 85F's chip database.
"$bindir/nextpnr-ecp5" --version >/dev/null 2>&1 || die "nextpnr-ecp5 does not start"
help_text=$("$bindir/nextpnr-ecp5" --help 2>&1 || true)
[[ $help_text == *--85k* ]] || die "nextpnr-ecp5 does not find its chip database under /usr/share/nextpnr/ecp5"
"$bindir/ecppack" --version >/dev/null 2>&1 || die "ecppack does not start"
echo "install-ecp5-tools: nextpnr-ecp5 $nextpnr_version and ecppack (fpga-trellis $trellis_version) in $bindir, running from $prefix"
