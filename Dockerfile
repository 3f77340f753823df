# vendor-gateway container: build with every dependency, run on production dependencies only.
#   docker build -t vendor-gateway .
#   docker run --rm -p 4000:4000 --env-file gateway.env -v vg-data:/data vendor-gateway
#   docker run --rm vendor-gateway node dist/main.js --hash-key            # make an API key
#   docker run --rm --env-file gateway.env vendor-gateway node dist/main.js --check
# test/system/production.test.ts runs this file's COPY and RUN steps (no Docker engine needed), then starts
# the CMD with the ENV below and probes the HEALTHCHECK: keep every step a plain COPY or `RUN npm`
# (the test knows the one other RUN line, which only prepares /data).
# Node 24 (LTS): the release CI runs on; package.json's engines accept 22.15 and later.
ARG NODE_VERSION=24

FROM node:${NODE_VERSION}-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
# TypeScript 7 (package.json's typescript7), single-threaded: a build of a few seconds, and its
# parallel checkers would double the CPU on the small machines CI and the tests run on.
RUN npm run build

FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist ./dist
# The vault (ROMA archives can be downloaded only once) must outlive the container: mount /data.
RUN mkdir -p /data/vault && chown -R node:node /data
ENV VAULT_DIR=/data/vault
VOLUME ["/data"]
USER node
EXPOSE 4000
HEALTHCHECK --interval=15s --timeout=3s --start-period=15s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# node is PID 1: SIGTERM from `docker stop` reaches the gateway itself (no npm or shell wrapper).
CMD ["node", "dist/main.js"]
