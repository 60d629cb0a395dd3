#!/usr/bin/env bash
# The main job: a ULX3S board design (DESIGN: ulx3s-accel, the accelerator, by default; ulx3s-codec and
# ulx3s-memtest too) from C# to Verilog, co-simulation, synthesis and, where
# nextpnr-ecp5 and ecppack are installed, the bitstream. Outputs land in $OUT (default out/board).
# Without those two tools the job stops cleanly after synthesis (exit 0), unless a bitstream is
# required: --require-bitstream (or REQUIRE_BITSTREAM=1, as `make board REQUIRE_BITSTREAM=1` sets
# it) makes that a failure (exit 3), so that CI cannot pass without a .bit.
set -euo pipefail
cd "$(dirname "$0")/.."
design=${DESIGN:-ulx3s-accel}
device=${DEVICE:-85k}
out=${OUT:-out/board}
zfpe=${ZFPE:-./zfpe}
require=${REQUIRE_BITSTREAM:-0}
for arg in "$@"; do
  case $arg in
    --require-bitstream) require=1 ;;
    *) echo "board.sh: unknown argument '$arg' (allowed: --require-bitstream)" >&2; exit 2 ;;
  esac
done

echo "== 1/4 generate the Verilog of $design into $out/rtl"
"$zfpe" gen "$design" --out "$out/rtl"

case $design in
  ulx3s-accel)
    echo "== 2/4 co-simulate $design (Verilator, the SDRAM chip model on its pins): a small trained MLP end to end, bit-exact with the accelerator reference"
    "$zfpe" train-mlp --out "$out/mlp" --hidden 16 --epochs 3
    "$zfpe" run --sim --backdoor --model "$out/mlp/model.json" --inputs "$out/mlp/X.npy" --labels "$out/mlp/labels.npy" --out "$out/mlp/outputs.npy" ;;
  ulx3s-codec)
    echo "== 2/4 co-simulate $design through its UART pins against the reference codec (Verilator)"
    dotnet test tb/Zfpe.Board.Tests --nologo --filter "FullyQualifiedName~Ulx3sCodecSimulationTests" ;;
  ulx3s-memtest)
    echo "== 2/4 co-simulate $design against the SDRAM chip model (Verilator)"
    dotnet test tb/Zfpe.Board.Tests --nologo --filter "FullyQualifiedName~Ulx3sMemtestSimulationTests" ;;
  *)
    echo "board.sh: DESIGN=$design is not a board design (allowed: ulx3s-accel, ulx3s-codec, ulx3s-memtest)" >&2; exit 2 ;;
esac

echo "== 3/4 synthesise for the ECP5 $device with Yosys"
"$zfpe" synth "$design" --device "$device" --out "$out/synth"

echo "== 4/4 place and route, pack the bitstream"
set +e
"$zfpe" build --design "$design" --device "$device" --out "$out/build"
rc=$?
set -e
case $rc in
  0) echo "board: done; the bitstream and its report are in $out/build (program it with: ./zfpe program --bit $out/build/$design.bit)" ;;
  3) if [[ $require == 1 ]]; then
       echo "board: FAILED: no bitstream was produced because a tool is missing (named above), and a bitstream was required; everything before it is in $out/." >&2
       exit 3
     fi
     echo "board: stopped before the bitstream because a tool is missing (named above); everything before it is in $out/. Install nextpnr-ecp5 and ecppack and run 'make board' again." ;;
  *) exit $rc ;;
esac
