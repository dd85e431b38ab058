# sideman's two commands (see README.md):
#   make run    install what is missing, build, and start sideman
#   make test   install what the tests need, and run every test
# Everything below is what those two do; nothing else needs installing by hand.

SHELL := /bin/bash
SWIFT ?= swift
# C libraries the package links (see Package.swift) and pkg-config, which SwiftPM asks for their flags.
BUILD_PACKAGES := pkg-config libncurses-dev libasound2-dev libsndfile1-dev libopenblas-dev
# Tools the tests use: MMA writes the MIDI files `analyze` is measured on; sox reads audio;
# Python runs the MMA measurement and, with mido, reads and writes MIDI independently of us; with
# safetensors (and numpy, which its numpy API needs) it reads and writes model files independently of us.
TEST_PACKAGES := mma sox python3 python3-venv
VENV := .venv
PYTHON_PACKAGES := mido==1.3.3 safetensors==0.8.0 numpy==2.4.6
PYTHON_MODULES := mido, safetensors, numpy
# libFuzzer executions per fuzz target in `make test`; `make fuzz FUZZ_RUNS=1000000` for a long run.
FUZZ_RUNS ?= 20000
FUZZ_BUILD := .build-fuzz

.PHONY: run test setup test-setup build fuzz mma-roots model-check

# Installs Debian packages that are not installed yet (with sudo when not root).
define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:" $$missing; \
		sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
		$$sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

setup:
	$(call apt_install,$(BUILD_PACKAGES))

build: setup
	$(SWIFT) build -c release --product sideman

run: build
	.build/release/sideman $(ARGS)

test-setup: setup
	$(call apt_install,$(TEST_PACKAGES))
	@[ -x $(VENV)/bin/python3 ] || python3 -m venv $(VENV)
	@$(VENV)/bin/python3 -c "import $(PYTHON_MODULES)" 2>/dev/null || $(VENV)/bin/pip install -q $(PYTHON_PACKAGES)

# SIDEMAN_REQUIRE_TOOLS makes a test that needs mma, sox, mido or safetensors fail, not skip, when it is missing.
test: test-setup
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" SIDEMAN_REQUIRE_TOOLS=1 $(SWIFT) test
	$(MAKE) --no-print-directory model-check
	$(MAKE) --no-print-directory fuzz

# A quick evaluation of the shipped model on 34 held-out examples (two per style, never trained
# on): fails when it misses a target of the model issue, so no change can quietly make it worse.
model-check:
	$(SWIFT) build --product sideman
	.build/debug/sideman eval --examples Tests/Resources/heldout-quick.jsonl --check

# Builds the libFuzzer targets with AddressSanitizer and runs each FUZZ_RUNS times from its seeds.
fuzz: setup
	$(SWIFT) build -c release --product fuzz-chart -Xswiftc -sanitize=fuzzer,address --scratch-path $(FUZZ_BUILD)
	$(SWIFT) build -c release --product fuzz-midi -Xswiftc -sanitize=fuzzer,address --scratch-path $(FUZZ_BUILD)
	$(SWIFT) build -c release --product fuzz-safetensors -Xswiftc -sanitize=fuzzer,address --scratch-path $(FUZZ_BUILD)
	@mkdir -p fuzz-artifacts/chart-corpus fuzz-artifacts/midi-corpus fuzz-artifacts/safetensors-corpus
	SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/release/fuzz-chart -runs=$(FUZZ_RUNS) -artifact_prefix=fuzz-artifacts/ \
		fuzz-artifacts/chart-corpus Tests/Fuzz/ChartFuzzer/corpus 2>&1 | grep -E "^Done|ERROR|SUMMARY"; test $${PIPESTATUS[0]} = 0
	SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/release/fuzz-midi -runs=$(FUZZ_RUNS) -artifact_prefix=fuzz-artifacts/ \
		fuzz-artifacts/midi-corpus Tests/Fuzz/MIDIFuzzer/corpus 2>&1 | grep -E "^Done|ERROR|SUMMARY"; test $${PIPESTATUS[0]} = 0
	SWIFT_BACKTRACE=enable=no $(FUZZ_BUILD)/release/fuzz-safetensors -runs=$(FUZZ_RUNS) -artifact_prefix=fuzz-artifacts/ \
		fuzz-artifacts/safetensors-corpus Tests/Fuzz/SafeTensorsFuzzer/corpus 2>&1 | grep -E "^Done|ERROR|SUMMARY"; test $${PIPESTATUS[0]} = 0

# The share of chord roots `analyze` recovers from MMA's renders (the test suite runs a smaller one).
mma-roots: test-setup
	$(SWIFT) build --product sideman
	python3 Tests/SidemanTests/Scripts/mma_roots.py --sideman .build/debug/sideman --charts 120
