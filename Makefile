# The verbs people expect. CI runs .ci/run, which uses the same commands.
GO ?= go
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
PLATFORMS := windows/amd64 linux/amd64 linux/arm64 linux/loong64

.PHONY: build run demo test golden bench lint dist clean

build:
	CGO_ENABLED=0 $(GO) build -o starflag .

run:
	$(GO) run .

demo:
	$(GO) run . --demo

test:
	$(GO) test ./...

# Rewrite golden and expected files after an intended change; review the diff.
golden:
	UPDATE_GOLDEN=1 $(GO) test ./...

# Every benchmark with its allocations; BENCHTIME=3s for steadier figures.
BENCHTIME ?= 1s
bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./...

lint:
	gofmt -l . | (! grep .)
	$(GO) vet ./...

dist:
	@mkdir -p dist
	@for p in $(PLATFORMS); do \
		os=$${p%/*}; arch=$${p#*/}; ext=; [ $$os = windows ] && ext=.exe; \
		echo "build $$os/$$arch"; \
		CGO_ENABLED=0 GOOS=$$os GOARCH=$$arch $(GO) build -trimpath -o dist/starflag-$$os-$$arch$$ext . || exit 1; \
	done

clean:
	rm -rf dist starflag starflag.exe
