# Rapport's commands. `make run` sets up this machine and starts the app;
# `make test` sets it up and runs every check; `make package` builds a Linux
# tarball in dist/. Debian packages missing from the machine are installed (with
# sudo when not root); the Go modules come through the Go toolchain.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

GO ?= go
BIN := bin/rapport

# What Fyne's desktop driver (cgo, OpenGL, X11 and Wayland) needs to build.
FYNE_DEBS := gcc pkg-config libgl1-mesa-dev libx11-dev libxcursor-dev libxrandr-dev \
	libxinerama-dev libxi-dev libxxf86vm-dev libwayland-dev libxkbcommon-dev wayland-protocols
# What the tests need besides: a virtual display and tools to look at the window
# (libxdamage-dev for cmd/benchreport, which make test vets), and other programs'
# vCard and iCalendar parsers that check what Rapport writes.
TEST_DEBS := $(FYNE_DEBS) libxdamage-dev xvfb xdotool imagemagick python3-vobject python3-icalendar libez-vcard-java libvinnie-java
PACKAGE_DEBS := $(FYNE_DEBS) xz-utils

# install-debs installs those of the packages in $(1) that are not installed:
# apt-get update once, then apt-get install of the missing ones only.
define install-debs
missing=(); \
for p in $(1); do \
	dpkg-query -W -f='$${Status}' "$$p" 2> /dev/null | grep -q 'ok installed' || missing+=("$$p"); \
done; \
if [ $${#missing[@]} -gt 0 ]; then \
	echo "Installing Debian packages: $${missing[*]}"; \
	sudo=; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	$$sudo apt-get update -qq; \
	$$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$${missing[@]}"; \
fi
endef

.PHONY: run test crash package build deps-run deps-test deps-package

## run: install what Fyne needs, build bin/rapport, open the default record
run: deps-run build
	./$(BIN)

## build: build bin/rapport
build:
	$(GO) build -o $(BIN) ./cmd/rapport

## test: install what the tests need, then run every check and the smoke test
test: deps-test
	@echo "== gofmt"
	@unformatted=$$(gofmt -l $$(find . -name '*.go' -not -path './.git/*')); \
	if [ -n "$$unformatted" ]; then echo "gofmt would change:"; echo "$$unformatted" | sed 's/^/  /'; exit 1; fi
	@echo "== go vet"
	$(GO) vet ./...
	@echo "== staticcheck"
	$(GO) tool staticcheck ./...
	@echo "== model, storage and app build without cgo"
	CGO_ENABLED=0 $(GO) vet ./internal/... ./model/... ./storage/... ./app/...
	@echo "== tests (race detector)"
	$(GO) test -race ./internal/... ./model/... ./storage/... ./app/...
	@echo "== command tests"
	$(GO) test ./cmd/...
	@echo "== smoke test of the real binary"
	$(GO) build -o $(BIN) ./cmd/rapport
	.ci/smoke $(BIN)

## crash: kill a writing Rapport 500 times over one record, checking after each
## kill that the record is intact and holds every write it acknowledged
crash:
	RAPPORT_CRASH_KILLS=500 $(GO) test ./storage -run '^TestCrash$$' -count=1 -v -timeout 30m

## bench: run every benchmark and time Rapport's start-up with the large record
## against a bare Fyne window under Xvfb; prints one table (cmd/benchreport)
.PHONY: bench
bench: deps-test
	$(GO) build -o $(BIN) ./cmd/rapport
	$(GO) build -o bin/barewindow ./cmd/barewindow
	$(GO) run ./cmd/benchreport -rapport $(BIN) -bare bin/barewindow -count 3 -runs 15

## package: build an installable Linux tarball, dist/Rapport.tar.xz
# The binary is built here and handed to fyne package, which reads the name, ID,
# version, icon and desktop entry from FyneApp.toml. fyne package also counts
# Details.Build up in FyneApp.toml; the build number is ours to set, so the file
# is put back as it was.
package: deps-package
	mkdir -p dist
	CGO_ENABLED=1 $(GO) build -trimpath -ldflags '-s -w' -o dist/rapport ./cmd/rapport
	cp FyneApp.toml dist/FyneApp.toml.orig
	cd dist && $(GO) tool fyne package -os linux --release --src "$(CURDIR)" --exe "$(CURDIR)/dist/rapport"; \
		status=$$?; cp FyneApp.toml.orig "$(CURDIR)/FyneApp.toml"; rm -f FyneApp.toml.orig; exit $$status
	@echo "dist/Rapport.tar.xz: unpack it and run 'sudo make install' inside (or 'make user-install')"

deps-run:
	@$(call install-debs,$(FYNE_DEBS))
deps-test:
	@$(call install-debs,$(TEST_DEBS))
deps-package:
	@$(call install-debs,$(PACKAGE_DEBS))
