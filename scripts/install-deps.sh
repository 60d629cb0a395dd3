#!/usr/bin/env bash
# Installs every Debian package the project uses, and nextpnr-ecp5 and ecppack (see
# install-ecp5-tools.sh: normal packages where the distribution has them, Debian 13's in a private
# prefix on Debian 12). Run as root (it re-runs itself with sudo when sudo exists).
# The .NET 10 SDK is expected on the machine already (https://dot.net).
set -euo pipefail
packages=(
  verilator yosys iverilog          # simulation and synthesis
  zfp libzfp-dev                    # the ZFP peer (zfp command, libzfp.so.1)
  g++ make zlib1g-dev               # building Verilated models (zlib for FST waves)
  gnuplot-nox                       # sweep plots
  openfpgaloader                    # programming the ULX3S
)
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null || { echo "install-deps: run as root (sudo is not installed)" >&2; exit 1; }
  exec sudo "$0" "$@"
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends "${packages[@]}"
bash "$(dirname "$0")/fetch-digits.sh"   # the digits data set: one 57 KB file, not python3-sklearn's 400 MB
bash "$(dirname "${BASH_SOURCE[0]}")/install-ecp5-tools.sh"
command -v dotnet >/dev/null || { echo "install-deps: the .NET 10 SDK (dotnet) is not installed: see https://dot.net" >&2; exit 1; }
