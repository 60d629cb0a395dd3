#!/usr/bin/env bash
# Installs every Debian package the project uses (run as root, or it re-runs itself with sudo).
# The .NET 10 SDK is expected on the machine already (https://dot.net).
set -euo pipefail
packages=(
  verilator yosys iverilog          # simulation and synthesis
  zfp libzfp-dev                    # the ZFP peer (zfp command, libzfp.so.1)
  g++ make zlib1g-dev               # building Verilated models (zlib for FST waves)
  gnuplot-nox                       # sweep plots
  openfpgaloader                    # programming the ULX3S
)
if [[ $(id -u) -ne 0 ]]; then exec sudo "$0" "$@"; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${packages[@]}"
bash "$(dirname "$0")/fetch-digits.sh"   # the digits data set: one 57 KB file, not python3-sklearn's 400 MB
command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK (dotnet) is not installed: see https://dot.net" >&2; exit 1; }
