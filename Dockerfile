# Latchkey as a container: docker build -t latchkey .  (see "Running in a container" in the README)

# Build stage: dev dependencies and the TypeScript compiler, used once and left behind.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts are skipped here: prepare would try to build before the sources are copied.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src src
COPY blocks blocks
COPY jobs jobs
RUN npm run build

# Runtime stage: production dependencies and the built code only.
FROM node:20-bookworm-slim
ENV NODE_ENV=production \
    PORT=3000 \
    DATA_DIR=/data \
    CATALOG_PATH=/config/catalog.yml
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist dist
# manifest.yml: the doctor compares granted scopes with it.
COPY manifest.yml catalog.example.yml catalog.schema.json ./
# The embedded database lives in DATA_DIR (unused when DATABASE_URL is set).
RUN mkdir -p /data /config && chown node:node /data
USER node
VOLUME /data
EXPOSE 3000
# The image has no curl; Node's fetch asks /healthz on the bot's own port.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "dist/src/main.js"]
