# One image for both processes: the API (default command) and the worker
# (docker-compose.yml overrides the command with dist/apps/worker/src/main.js).
#
# Dev dependencies stay in the image: the pinned `node` package, the Nest CLI
# and TypeScript are devDependencies and `npm run build` needs them.
FROM node:24-slim

WORKDIR /app

# Install first, so source changes do not invalidate the dependency layer.
# NODE_ENV must not be "production" here, or npm would skip the devDependencies.
COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund

COPY . .
RUN npm run build

EXPOSE 3000
CMD ["node", "dist/apps/api/src/main.js"]
