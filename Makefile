# Thin convenience targets over the zfpe CLI and dotnet. `make help` lists them.
ZFPE    := ./zfpe
DESIGN  ?= ulx3s-accel
DEVICE  ?= 85k
OUT     ?= out
REQUIRE_BITSTREAM ?= 0

.PHONY: help board gen test synth bitstream program doctor sweep bench clean

help:
	@echo "make board      the main job: Verilog, co-simulation, synthesis and bitstream of DESIGN=$(DESIGN)"
	@echo "                (stops cleanly after synthesis without nextpnr-ecp5/ecppack; REQUIRE_BITSTREAM=1 makes that a failure)"
	@echo "make gen        regenerate rtl-out/ (every design's default configuration)"
	@echo "make test       run every test (what CI runs); ends with the skipped tests and one total line"
	@echo "make synth      Yosys synthesis of DESIGN=$(DESIGN) for the $(DEVICE) device"
	@echo "make bitstream  full flow to a .bit (needs nextpnr-ecp5 and ecppack; fails when no bitstream was produced)"
	@echo "make program    load the bitstream into the ULX3S (openFPGALoader)"
	@echo "make doctor     which tools are found"
	@echo "make sweep      synthesis sweep of the compressor over lanes and b (report in out/sweep)"
	@echo "make bench      the benchmarks (elaborate, codec, cosim, memory, accel)"

board:
	DESIGN=$(DESIGN) DEVICE=$(DEVICE) OUT=$(OUT)/board REQUIRE_BITSTREAM=$(REQUIRE_BITSTREAM) scripts/board.sh

gen:
	@for d in $$($(ZFPE) designs --names); do $(ZFPE) gen $$d --out rtl-out/$$d >/dev/null && echo "rtl-out/$$d"; done

test:
	scripts/test.sh

synth:
	$(ZFPE) synth $(DESIGN) --device $(DEVICE) --out $(OUT)/synth/$(DESIGN)

bitstream:
	$(ZFPE) build --design $(DESIGN) --device $(DEVICE) --out $(OUT)/build/$(DESIGN)

program:
	$(ZFPE) program --bit $(OUT)/build/$(DESIGN)/$(DESIGN).bit

doctor:
	$(ZFPE) doctor

sweep:
	$(ZFPE) sweep compressor --set lanes=1,2,4,8 --set b=5,9 --jobs 2 --out $(OUT)/sweep

bench:
	$(ZFPE) bench elaborate
	$(ZFPE) bench codec
	$(ZFPE) bench cosim
	$(ZFPE) bench memory
	$(ZFPE) bench accel

clean:
	rm -rf $(OUT) .cache/cli
