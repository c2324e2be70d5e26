# midkv: the two quick-start targets, plus benchmarks and a release build.
# `make demo` and `make test` install the C libraries' development headers first if they are
# missing (Debian/Ubuntu: libcurl4-openssl-dev, libssl-dev), using sudo when not root.

SWIFT ?= swift
APT_PACKAGES := pkg-config libcurl4-openssl-dev libssl-dev

.PHONY: demo test deps build release bench lint java-test conformance

demo: deps
	$(SWIFT) run midkv demo

test: deps
	$(SWIFT) test

build: deps
	$(SWIFT) build

deps:
	@if ! pkg-config --exists libcurl openssl 2>/dev/null; then \
		echo "Installing $(APT_PACKAGES) (needed to build against libcurl and OpenSSL)"; \
		if [ "$$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi; \
		$$SUDO apt-get update && $$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $(APT_PACKAGES); \
	fi

release: deps
	$(SWIFT) build -c release --static-swift-stdlib --product midkv
	@echo "Binary: $$($(SWIFT) build -c release --show-bin-path)/midkv"

bench: deps
	bench/resolve.sh

lint:
	$(SWIFT) format lint --strict -r Sources Tests

java-test:
	integrations/servicenow-mid/test.sh

conformance: deps
	conformance/run.sh
