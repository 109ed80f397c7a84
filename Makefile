# Thin wrappers over the real commands; `make help` lists them. Each recipe is the command the
# README documents, so nothing here is the only way to do anything.
.DEFAULT_GOAL := help
MVN ?= mvn -B
EXTERNAL = TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test TEST_REDIS_URL=redis://127.0.0.1:6379

.PHONY: help run test test-local verify fmt hooks fuzz clients lint e2e docs-check bench cluster up down ci clean

help: ## list the tasks
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

run: ## build the jar and start the service (embedded PostgreSQL and Redis unless configured)
	@echo "== building target/products-api.jar: $(MVN) -q package -DskipTests (quiet unless it fails; about a minute)"
	@$(MVN) -q package -DskipTests
	@echo "== starting: java -jar target/products-api.jar (it says when it is ready; Ctrl-C stops it)"
	@java -jar target/products-api.jar

test: ## the whole suite: unit, contract fuzzer, client flows, coverage floor (= mvn -B verify)
	$(MVN) verify

test-local: ## the same suite against this machine's PostgreSQL and Redis
	$(EXTERNAL) $(MVN) verify

verify: ## everything CI runs: lint, suite twice, browser check (.ci/run)
	bash .ci/run

fmt: ## format the Java sources (google-java-format via Spotless; mvn verify refuses unformatted code)
	$(MVN) -q spotless:apply

hooks: ## install the committed pre-commit hook (.githooks/pre-commit: format check, fast compile)
	git config core.hooksPath .githooks
	@echo "pre-commit hook installed: every commit runs .githooks/pre-commit (skip once: git commit --no-verify)"

fuzz: ## the contract fuzzer alone, longer: make fuzz N=50000 SEED=42
	$(MVN) test -Dtest=ContractFuzzTest -Djacoco.skip=true -Dfuzz.requests=$(or $(N),10000) -Dfuzz.seed=$(or $(SEED),20261124)

clients: ## generate both clients and run their flows against the jar
	$(MVN) verify -Dtest='NoSuchTest*' -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true

lint: ## the contracts: redocly and spectral (stock rules), AsyncAPI
	npx --yes @redocly/cli@2.77.0 lint openapi.yaml --format=stylish
	npx --yes @stoplight/spectral-cli@6.16.3 lint openapi.yaml --ruleset .spectral.yaml --fail-severity=warn
	npx --yes @asyncapi/cli@2.17.0 validate asyncapi.yaml

e2e: ## /docs in a real Chromium against the built jar
	bash e2e/run.sh

docs-check: ## run every shell example of README.md and docs/*.md against the built jar
	bash scripts/doc-blocks.sh

bench: ## the benchmark (bench/run.sh; RECORD=no to leave bench/RESULTS.md alone)
	bash bench/run.sh

cluster: ## three clustered nodes of the jar; needs PostgreSQL (:5432) and Redis (:6379) here
	bash scripts/local-cluster.sh

up: ## the compose stack: three replicas behind nginx, Prometheus, Grafana (a throwaway JWT_SECRET unless set)
	JWT_SECRET="$${JWT_SECRET:-$$(openssl rand -base64 48)}" docker compose up -d --build

down: ## stop the compose stack
	docker compose down

clean: ## remove build output
	$(MVN) -q clean
