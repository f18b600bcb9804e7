# Muntada — the two commands of the README, and the developers' helpers.
#   make run    install what is missing, build the UI, start the desktop app
#   make test   install what is missing, run every test (core, shell, UI, end-to-end, packages)
#   make package     the .deb and the AppImage of the release build, in target/package/
#   make bench-app   start-up time, memory and sizes of the release build, against the budget
#   make bench-table the participants table with 100,000 people: scrolling, jumps, search as you type
#   make bench-grid  the timetable grid with 300 sessions on one day: frame times while dragging
#   make audit  check the Rust and npm dependencies against the published advisories

SHELL := /bin/bash
.ONESHELL:
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# Debian/Ubuntu packages: WebKitGTK for the window, Xvfb + WebKitWebDriver for the end-to-end
# tests, poppler for checking PDFs, a D-Bus session for the single-instance end-to-end test,
# sqlite3 for the import benchmark's comparison, PostgreSQL for the team-mode tests' throwaway
# cluster (python3 finds it a free port), libdbus for the keyring that keeps a team password,
# gnome-keyring as the Secret Service of the team end-to-end test, and libxml2-utils for xmllint,
# which validates the schedule XML export against its XSD.
APT_PACKAGES := build-essential pkg-config curl file libwebkit2gtk-4.1-dev libssl-dev librsvg2-dev \
	libxdo-dev xvfb xauth webkit2gtk-driver poppler-utils dbus sqlite3 \
	postgresql python3 libdbus-1-dev gnome-keyring libxml2-utils
NODE_MIN := 20.19.0
# Packaging: squashfs-tools packs the AppImage, dpkg-dev gives cargo-deb dpkg-shlibdeps (the
# package's dependencies), desktop-file-utils checks the desktop entry in the tests.
PACKAGE_APT := squashfs-tools dpkg-dev desktop-file-utils
CARGO_DEB := 3.8.0
VERSION := $(shell sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)

.PHONY: startup-order run test test-postgres bench-team deps deps-test deps-package ui package bench-app bench-table bench-grid bindings bench fuzz audit clean help

help:
	@echo "make run    start the desktop app (installs what is missing)"
	@echo "make test   run every test (installs what is missing)"
	@echo "make bench  run the benchmarks"
	@echo "make bench-team  20 check-in desks at once on a local PostgreSQL, and the team import"
	@echo "make fuzz   fuzz the import's file reader and the name folding (FUZZ_SECONDS each)"
	@echo "make package    build the .deb and the AppImage into target/package/"
	@echo "make bench-app  measure start-up, memory and sizes of the release build"
	@echo "make bench-table measure the participants table with 100,000 people (scroll, jump, search)"
	@echo "make bench-grid measure the timetable grid's frame times while dragging (300 sessions)"
	@echo "make startup-order  list the functions the release link places first (needs valgrind)"
	@echo "make bindings  regenerate ui/src/api/{types,client}.ts from the Rust types"
	@echo "make audit  check the dependencies for known vulnerabilities (needs the network)"

deps:
	@missing=$$(for p in $(APT_PACKAGES); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done)
	if [ -n "$$missing" ]; then
		echo "Installing Debian packages:" $$missing
		$(SUDO) apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing
	fi
	command -v cargo >/dev/null || { echo "Rust is missing: install it from https://rustup.rs"; exit 1; }
	command -v node >/dev/null || { echo "Node.js $(NODE_MIN) or newer is missing"; exit 1; }
	node -e 'const [a,b,c]=process.versions.node.split(".").map(Number),[x,y,z]="$(NODE_MIN)".split(".").map(Number);process.exit(a>x||a==x&&(b>y||b==y&&c>=z)?0:1)' \
		|| { echo "Node.js $(NODE_MIN) or newer is needed (found $$(node --version))"; exit 1; }
	if [ ! -f ui/node_modules/.package-lock.json ] || [ ui/package-lock.json -nt ui/node_modules/.package-lock.json ]; then
		(cd ui && npm ci --no-audit --no-fund)
	fi

deps-test: deps
	command -v tauri-driver >/dev/null || cargo install tauri-driver --locked

deps-package: deps
	@missing=$$(for p in $(PACKAGE_APT); do dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || echo $$p; done)
	if [ -n "$$missing" ]; then
		echo "Installing Debian packages:" $$missing
		$(SUDO) apt-get update -qq
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing
	fi
	command -v cargo-deb >/dev/null || cargo install cargo-deb@$(CARGO_DEB) --locked

ui: deps ui/dist/index.html

# Rebuilt only when a UI source changed: a rebuild touches ui/dist, which makes cargo rebuild the
# shell that embeds it (minutes, for the release build).
UI_SOURCES := $(shell find ui/src ui/public -type f 2>/dev/null) ui/index.html ui/package-lock.json \
	ui/vite.config.ts ui/svelte.config.js ui/tsconfig.json
ui/dist/index.html: $(UI_SOURCES)
	cd ui && npm run build

run: ui
	if [ -z "$${DISPLAY:-}" ] && [ -z "$${WAYLAND_DISPLAY:-}" ]; then
		echo "No display found: on a machine without a screen, run 'xvfb-run -a make run'."
		exit 1
	fi
	cargo run -p muntada-desktop

test: deps-test package
	# The core must build without any webview: no Tauri, wry, WebKit or GTK in its tree.
	if cargo tree -p muntada -e normal,build --prefix none | grep -iE '^(tauri|wry|webkit2gtk|gtk)'; then
		echo "the muntada core depends on a GUI crate"; exit 1
	fi
	cargo test --workspace --locked
	$(MAKE) --no-print-directory test-postgres
	(cd ui && npm run check && npm test)
	# The end-to-end tests drive target/debug/muntada-desktop, built by the cargo test above, and
	# the packages in target/package/ (e2e/package.test.mjs), in a private D-Bus session inside
	# the X server (the single-instance plugin finds a running app through it, and services it
	# starts get the display).
	xvfb-run -a dbus-run-session -- node --test --test-reporter=spec e2e/

# The core's tests that read and write through the store, again on PostgreSQL: a throwaway
# cluster (tests/pg-cluster.sh) on a free loopback port, stopped and removed whatever happens.
# Each test gets a schema of its own there (src/store/testing.rs).
PG_TESTS := audit:: delegations:: desk:: import:: participants:: programme:: store:: versions:: outcome:: documents:: team::
test-postgres: deps
	cluster=$$(tests/pg-cluster.sh start)
	dir=$$(echo "$$cluster" | sed -n 1p)
	trap 'tests/pg-cluster.sh stop "$$dir"' EXIT
	export MUNTADA_TEST_PG=$$(echo "$$cluster" | sed -n 2p) PGPASSWORD=muntada-test
	cargo test -p muntada --locked --lib
	cargo test -p muntada --locked --test it -- $(PG_TESTS)

# Known vulnerabilities in the dependencies: RustSec's advisories for Cargo.lock (cargo-audit
# fetches them from GitHub) and the npm registry's for the UI's runtime packages. Not part of
# `make test`: both need the network, and the answer changes from day to day.
audit:
	command -v cargo-audit >/dev/null || cargo install cargo-audit --locked
	status=0
	cargo audit || status=1
	(cd ui && npm audit --omit=dev) || status=1
	exit $$status

# Fuzzing (not part of `make test`): the participant import's file reader and the name folding,
# FUZZ_SECONDS each (default 60), with cargo-fuzz. libFuzzer's instrumentation needs unstable
# rustc flags: RUSTC_BOOTSTRAP lets this machine's stable toolchain take them.
FUZZ_SECONDS ?= 60
fuzz:
	command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
	cd fuzz
	for target in import_file fold; do
		RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none $$target -- -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096
	done

bench:
	# ReportLab for the participant list's comparison (PyPI); without it the column says so.
	python3 -c 'import reportlab' 2>/dev/null || pip install --quiet reportlab==5.1.0 \
		|| echo "ReportLab could not be installed: the bench leaves its comparison out"
	cargo bench --bench pdf_participants
	cargo bench --bench programme_conflicts
	cargo bench --bench outcome
	cargo bench --bench participants

# A team's first morning on one local PostgreSQL (a throwaway cluster, tests/pg-cluster.sh): 20
# desk processes with their own logins checking in 10,000 people at once, with corrections,
# session moves and pledge stages alongside; then 100,000 rows imported next to psql's \copy.
# Prints throughput and check-in latency; asserts no double check-in and no lost edit.
bench-team: deps
	cargo bench --bench team

# The .deb (cargo-deb, with [package.metadata.deb] in src-tauri/Cargo.toml) and the AppImage
# (packaging/appimage.sh) of the release build. The Tauri bundler is not used: see the README.
package: deps-package ui
	cargo build --release --locked -p muntada-desktop
	# target/package/doc/ goes to /usr/share/doc/muntada/: README.Debian, and the licences of
	# the bundled fonts when assets/fonts/ has them.
	rm -rf target/package
	mkdir -p target/package/doc
	cp packaging/README.Debian target/package/doc/
	for licence in assets/fonts/*.txt assets/fonts/README.md; do
		[ -e "$$licence" ] || continue
		mkdir -p target/package/doc/fonts
		cp "$$licence" target/package/doc/fonts/
	done
	cargo deb -p muntada-desktop --no-build --locked --output target/package/
	status=0
	packaging/appimage.sh $(VERSION) || status=$$?
	if [ $$status -eq 3 ]; then
		echo "No AppImage this time (the reason is above); the .deb is built."
	elif [ $$status -ne 0 ]; then
		exit $$status
	fi
	ls -l target/release/muntada-desktop target/package/*.deb target/package/*.AppImage 2>/dev/null || true

# Start-up time, memory and sizes of the release build under Xvfb, against the budget in the
# README; results also in target/package/bench-app.json. Memory is judged against the floor, a
# bare Tauri window built from the same package (src-tauri/examples/floor.rs); the release CLI
# makes the 100,000-person event whose table is measured.
bench-app: deps-test package
	cargo build --release --locked -p muntada-desktop --example floor -p muntada --bin muntada
	xvfb-run -a dbus-run-session -- node e2e/bench-app.mjs

# The participants table with 100,000 people in the release build: scrolling, jumps and search
# as you type, timed in the page; figures in the README.
bench-table: deps-test package
	cargo build --release --locked -p muntada --bin muntada
	xvfb-run -a dbus-run-session -- node e2e/bench-table.mjs

# The timetable grid with 300 sessions on one day under Xvfb: frame times while a session is
# dragged, and the time from the release to the moved session on the grid (e2e/bench-grid.mjs).
# The debug build, as the end-to-end tests use; BENCH_PROFILE=release after `make package`.
bench-grid: deps-test ui
	cargo build --locked -p muntada-desktop -p muntada --bins
	xvfb-run -a dbus-run-session -- node e2e/bench-grid.mjs

# src-tauri/startup-order.txt: the functions that run from the start to an open event, which the
# release link places together (src-tauri/build.rs). Run it after upgrading Rust or the
# dependencies, or after large changes to what the app does at start (e2e/startup-order.mjs).
startup-order: deps-test ui
	command -v valgrind >/dev/null || { $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends valgrind; }
	MUNTADA_LINK_MAP=$(CURDIR)/target/release/muntada-desktop.map cargo build --release --locked -p muntada-desktop
	xvfb-run -a dbus-run-session -- node e2e/startup-order.mjs

bindings:
	MUNTADA_UPDATE_BINDINGS=1 cargo test -p muntada-desktop --lib bindings

clean:
	cargo clean
	rm -rf ui/dist ui/node_modules
