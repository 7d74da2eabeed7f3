# Fristad: the two commands a developer needs.
#
#   make run    installs what is missing, builds, and starts the desktop program on the
#               store in your data folder (a fresh one starts with the setup screen);
#               `make run DEMO=1` on a store full of synthetic data instead
#   make test   installs what is missing and runs every test, the real window included
#
# Everything here works on a fresh Debian 12 or Ubuntu 22.04+ machine as root or with sudo.

CARGO ?= cargo
SESSION := scripts/with-desktop-session.sh

# A window, keyring or package test without its display, D-Bus or fresh Debian fails unless
# FRISTAD_SKIP_SESSION_TESTS=1 asks for it to be skipped; under make it is never asked, not even
# from the caller's environment.
unexport FRISTAD_SKIP_SESSION_TESTS

.PHONY: bench measure package run test deps-build deps-test deps-bench deps-package build test-core test-cli test-dates test-desktop test-package lint clean

# `make run DEMO=1` starts the window on a demo store in target/demo (made the first time, three
# years of synthetic placements, invoices and payments; sign in as demo / demo-lösenord).
DEMO_DIR := target/demo
DEMO_PASSPHRASE := demo-lösenfras

run: deps-build
ifeq ($(DEMO),1)
	test -e $(DEMO_DIR)/fristad.db || FRISTAD_PASSPHRASE=$(DEMO_PASSPHRASE) $(CARGO) run --bin fristad-cli -- --data-dir $(DEMO_DIR) demo --years 3
	FRISTAD_PASSPHRASE=$(DEMO_PASSPHRASE) $(CARGO) run --bin fristad -- --data-dir $(DEMO_DIR)
else
	$(CARGO) run --bin fristad
endif

deps-build:
	scripts/install-deps.sh build

deps-test:
	scripts/install-deps.sh test

deps-bench:
	scripts/install-deps.sh bench

deps-package:
	scripts/install-deps.sh package

# Builds for tests: the tests tell these programs what time it is (FRISTAD_TEST_NOW, obeyed only
# in a build with the test-clock feature; `make run` and `make package` never have it).
TEST_FEATURES := --features test-clock

# The desktop program, then fristad-cli built without the window system (proving it needs none);
# the tests use that build of fristad-cli.
build:
	$(CARGO) build -p fristad --bins $(TEST_FEATURES)
	$(CARGO) build -p fristad --no-default-features $(TEST_FEATURES) --bin fristad-cli

test: deps-test build test-core test-cli test-dates test-desktop test-package

# Unit and property tests of the core, without the window system.
test-core:
	$(CARGO) test -p fristad --no-default-features $(TEST_FEATURES)

# fristad-cli against real encrypted stores, checked from outside with SQLCipher 4 and SQLite;
# stories of placements through the core against a real encrypted store; a writer killed with
# SIGKILL hundreds of times mid-write and mid-invoicing (FRISTAD_KILLS, default 200 per story).
CLI_TESTS := --test cli_store --test cli_language --test cli_roles --test corrections --test placements_story --test protected_names --test support_story --test ready_story --test gender_story --test jour_year_story --test billing_story --test billing_changes --test documents --test statistics_story --test trust --test backup --test hostile_input --test office_mishaps --test kill --test demo --test upgrade --test catalogues
test-cli:
	$(CARGO) test -p fristad-tests $(CLI_TESTS)

# The core and fristad-cli suites again as if the machine's clock read New Year's night and a
# summer's day years on (libfaketime, as cargo's runner: only the test programs and what they
# start see the other day). Nothing a test checks may depend on the real date. The kill test
# kills its writer 20 times per story here instead of 200.
AS_IF = --config "target.'cfg(all())'.runner = ['$(CURDIR)/scripts/as-if-it-were', '$(1)']"
test-dates:
	$(CARGO) $(call AS_IF,2027-01-01 00:30) test -p fristad --no-default-features $(TEST_FEATURES)
	FRISTAD_KILLS=20 $(CARGO) $(call AS_IF,2027-01-01 00:30) test -p fristad-tests $(CLI_TESTS)
	$(CARGO) $(call AS_IF,2030-06-15 12:00) test -p fristad --no-default-features $(TEST_FEATURES)
	FRISTAD_KILLS=20 $(CARGO) $(call AS_IF,2030-06-15 12:00) test -p fristad-tests $(CLI_TESTS)

# The real keyring (gnome-keyring) and the real window (tauri-driver + WebKitWebDriver under Xvfb),
# one at a time, in a private D-Bus session; the window's tests once in Swedish and once in
# English. Screenshots land in target/test-artifacts/ (the English ones end in -en).
WINDOW_TESTS := --test e2e_setup --test e2e_placements --test e2e_corrections --test e2e_night --test e2e_support --test e2e_children --test e2e_billing --test e2e_statistics --test e2e_trust --test e2e_hostile --test e2e_backup --test e2e_demo --test e2e_access
test-desktop:
	FRISTAD_TEST_LANGUAGE=sv $(SESSION) $(CARGO) test -p fristad-tests --test keyring $(WINDOW_TESTS) -- --test-threads=1
	FRISTAD_TEST_LANGUAGE=en $(SESSION) $(CARGO) test -p fristad-tests $(WINDOW_TESTS) -- --test-threads=1

# The .deb of this (debug) build, installed with apt on a fresh Debian 12 made by debootstrap,
# then started there in the real window (needs root, and Debian's mirror for the dependencies).
TAURI := target/tools/tauri-cli/node_modules/.bin/tauri
test-package:
	rm -rf target/debug/bundle/deb
	cd src-tauri && ../$(TAURI) bundle --debug --bundles deb
	$(SESSION) scripts/test-deb-on-fresh-debian.sh target/debug/bundle/deb/*.deb

# The installers of a release build: on Linux a .deb (in target/release/bundle/deb/); on Windows
# and macOS the same command makes the .msi/NSIS and .dmg (see docs/installing.md).
package: deps-package
	cd src-tauri && ../$(TAURI) build --bundles deb

# Benchmarks (criterion, release build) on a store of synthetic data kept in target/bench-stores/;
# FRISTAD_BENCH_YEARS and FRISTAD_BENCH_SCALE choose its size; LibreOffice is installed for the
# word-processor baseline. Not part of `make test`.
bench: deps-bench
	$(CARGO) bench -p fristad --no-default-features --bench speed
	scripts/bench-summary

# Start-up to a usable home screen and the program's memory in the real window, on the release
# build with a 20-year demo store; the figures land in target/test-artifacts/measurements/.
# (`make test` takes the same measurement on the debug build and a 2-year store.)
measure: deps-test
	$(CARGO) build --release -p fristad --bins $(TEST_FEATURES)
	FRISTAD_BIN_DIR=$(CURDIR)/target/release FRISTAD_MEASURE_YEARS=20 $(SESSION) $(CARGO) test -p fristad-tests --test e2e_demo start_up -- --nocapture

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

clean:
	$(CARGO) clean
