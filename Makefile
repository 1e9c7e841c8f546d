# Storycut: `make demo` renders a sample video, `make test` runs every test.
# Both install missing Debian packages first (scripts/bootstrap.sh).

JOBS        ?= $(shell nproc)
BUILD       ?= build/release
TEST_BUILD  ?= build/asan
FUZZ_BUILD  ?= build/fuzz
FUZZ_SECONDS ?= 30
DEMO_TOPIC  ?= A lighthouse keeper who finds a message in a bottle
DEMO_OUT    ?= out/demo

.PHONY: all bootstrap build demo up web test fuzz edge-test system-test system-faults bench clean

all: build

bootstrap:
	@./scripts/bootstrap.sh

build: bootstrap
	cmake -S . -B $(BUILD) -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build $(BUILD) -j $(JOBS) --target storycut

demo: build
	$(BUILD)/storycut make "$(DEMO_TOPIC)" --format short --out $(DEMO_OUT) --force
	@echo "demo video: $(DEMO_OUT)/video.mp4"

# The whole platform on this machine: engine + edge (wrangler dev) + web app.
# `make up DEMO=1` also creates a local-only demo account.
UP_PORT ?= 8788
up: build web
	npm ci --prefix edge --no-audit --no-fund
	python3 scripts/up.py $(BUILD)/storycut --port $(UP_PORT) $(if $(DEMO),--demo)

# The web app: type-checked, then bundled into web/public/app.js (served by the edge).
web:
	npm ci --prefix web --no-audit --no-fund
	npm run --prefix web check
	npm run --prefix web build

# Every test runs against the ASan+UBSan build; the fuzzers run for a bounded time.
test: bootstrap
	cmake -S . -B $(TEST_BUILD) -DCMAKE_C_COMPILER=clang -DSTORYCUT_SANITIZE=ON >/dev/null
	cmake --build $(TEST_BUILD) -j $(JOBS)
	npm ci --prefix engine/tests/s3
	cd $(TEST_BUILD) && ctest --output-on-failure -j $(JOBS)
	$(MAKE) --no-print-directory fuzz
	$(MAKE) --no-print-directory edge-test
	$(MAKE) --no-print-directory system-test
	$(MAKE) --no-print-directory system-faults

# The edge Worker's tests run inside workerd (vitest + @cloudflare/vitest-pool-workers).
WRANGLER_ENV = WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true
edge-test:
	npm ci --prefix edge --no-audit --no-fund
	cd edge && $(WRANGLER_ENV) npm test

# The engine (ASan build) behind the edge in `wrangler dev`, and the web app driven in
# headless Chromium (Debian's, through playwright-core): tests/system/test_*.py.
SAN_ENV = LSAN_OPTIONS=suppressions=$(CURDIR)/engine/tests/lsan.supp:print_suppressions=0 \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
system-test: web
	./scripts/bootstrap.sh --system
	npm ci --prefix tests/system --no-audit --no-fund
	@for t in tests/system/test_*.py; do echo "== $$t"; \
	  $(SAN_ENV) STORYCUT_BIN=$(CURDIR)/$(TEST_BUILD)/storycut python3 $$t || exit 1; done

# The fault matrix: the ASan engine behind the edge, ten faults, the invariants after each;
# writes bench/results/faults.md. Debian's python3 runs it, for python3-websocket.
system-faults:
	./scripts/bootstrap.sh --system
	npm ci --prefix edge --no-audit --no-fund
	$(SAN_ENV) STORYCUT_BIN=$(CURDIR)/$(TEST_BUILD)/storycut /usr/bin/python3 tests/system/faults/run.py

fuzz: bootstrap
	cmake -S . -B $(FUZZ_BUILD) -DCMAKE_C_COMPILER=clang -DSTORYCUT_FUZZ=ON >/dev/null
	cmake --build $(FUZZ_BUILD) -j $(JOBS)
	./scripts/run-fuzzers.sh $(FUZZ_BUILD) $(FUZZ_SECONDS)

bench: build
	cmake --build $(BUILD) -j $(JOBS) --target bench_compose
	$(BUILD)/bench_compose
	./bench/render $(BUILD)/storycut
	./bench/serve $(BUILD)/storycut

clean:
	rm -rf build out
