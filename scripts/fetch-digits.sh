#!/usr/bin/env bash
# Fetches the UCI handwritten digits data set (digits.csv.gz, 57 KB), which the evaluation tests
# and `zfpe sweep --digits` use, from Debian's python3-sklearn package without installing it:
# the .deb (2 MB) is downloaded and only that one file is extracted, instead of pulling in
# scikit-learn and its 400 MB of dependencies. Usage: fetch-digits.sh [DESTINATION]
# (default /usr/local/share/zfpe/digits.csv.gz, where zfpe looks first; ZFPE_DIGITS overrides).
set -euo pipefail
destination=${1:-/usr/local/share/zfpe/digits.csv.gz}
member=./usr/lib/python3/dist-packages/sklearn/datasets/data/digits.csv.gz
if [[ -s $destination ]] && gzip -t "$destination" 2>/dev/null; then
  echo "fetch-digits: $destination is already there"
  exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chown _apt "$work" 2>/dev/null || true   # apt-get download runs as _apt when it can
(cd "$work" && apt-get download -q python3-sklearn)
deb=$(ls "$work"/python3-sklearn_*.deb)
mkdir -p "$(dirname "$destination")"
dpkg-deb --fsys-tarfile "$deb" | tar -xO "$member" > "$work/digits.csv.gz"
gzip -t "$work/digits.csv.gz"
mv "$work/digits.csv.gz" "$destination"
chmod 644 "$destination"
echo "fetch-digits: wrote $destination from $(basename "$deb")"
