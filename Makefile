# Entry points for developers and CI (.ci/run calls `make test`).
#   make deps     apt packages + node_modules (scripts/install-deps.sh)
#   make assets   front-end files into web/static/vendor/, reference TSVs into build/reference/
#   make build    configure (once) and build everything with CMake + Ninja into build/
#   make run      deps, assets, build, migrate, demo data if the database is empty, serve
#   make test     deps (--test), assets, build (and the unit tests with sanitizers), then every
#                 test suite against a throw-away PostgreSQL
#   make bench    deps (--bench), assets, build, then bench/run.sh
#   make clean    removes build outputs and copied assets (never data/ nor node_modules/)
# Composite targets call sub-makes one after another so that `make -j` cannot reorder them.

SHELL := /bin/bash
BUILD_DIR ?= build
BUILD_TYPE ?= Release
CMAKE_ARGS ?=
DB ?= sqlite:data/coopole.db
COOPOLE := ./$(BUILD_DIR)/src/app/coopole
REFERENCE_DIR := $(BUILD_DIR)/reference
VENDOR_STAMP := web/static/vendor/.stamp
# Where the app and the tests find communes.tsv/naf.tsv unless the caller says otherwise.
export COOPOLE_REFERENCE_DIR ?= $(CURDIR)/$(REFERENCE_DIR)

.PHONY: deps deps-test deps-bench assets build build-sanitize run test bench clean

deps:
	bash scripts/install-deps.sh

deps-test:
	bash scripts/install-deps.sh --test

deps-bench:
	bash scripts/install-deps.sh --bench

# npm rewrites node_modules/.package-lock.json on every install: older than the lock means stale.
node_modules/.package-lock.json: package-lock.json
	npm ci --no-audit --no-fund --include=dev

# The stamp stands for the copied files (copy-assets leaves unchanged files untouched).
$(VENDOR_STAMP): node_modules/.package-lock.json scripts/copy-assets.sh
	bash scripts/copy-assets.sh
	touch $@

# VERSION is written last by the script, so it stands for the whole folder.
$(REFERENCE_DIR)/VERSION: node_modules/.package-lock.json scripts/build-reference.mjs
	node scripts/build-reference.mjs $(REFERENCE_DIR)

assets: $(VENDOR_STAMP) $(REFERENCE_DIR)/VERSION

$(BUILD_DIR)/build.ninja:
	cmake -S . -B $(BUILD_DIR) -G Ninja -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_ARGS)

build: $(BUILD_DIR)/build.ninja
	cmake --build $(BUILD_DIR)

# The module (unit) tests again under AddressSanitizer and UndefinedBehaviorSanitizer.
build-sanitize/build.ninja:
	cmake -S . -B build-sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DCOOPOLE_SANITIZE=ON $(CMAKE_ARGS)

build-sanitize: build-sanitize/build.ninja
	cmake --build build-sanitize --target unit_tests

run:
	$(MAKE) deps
	$(MAKE) assets
	$(MAKE) build
	mkdir -p data
	$(COOPOLE) migrate --db $(DB)
	$(COOPOLE) demo --if-empty --db $(DB)
	$(COOPOLE) serve --db $(DB)

test:
	$(MAKE) deps-test
	$(MAKE) assets
	$(MAKE) build
	$(MAKE) build-sanitize
	bash tests/support/with-postgres.sh bash scripts/run-tests.sh

bench:
	$(MAKE) deps-bench
	$(MAKE) assets
	$(MAKE) build
	bash bench/run.sh

clean:
	rm -rf $(BUILD_DIR) build-sanitize web/static/vendor
