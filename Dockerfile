# Floodgate origin (Hono on Node 22) for ECS Fargate. Built by CodeBuild (buildspec.yml) and by
# `cdk deploy` for the first release. No HEALTHCHECK here: the ECS task definition checks
# /healthz (liveness) and the ALB target groups /readyz (readiness).

# The official image; CodeBuild passes its ECR Public mirror to avoid Docker Hub rate limits.
ARG NODE_IMAGE=node:22-slim

# Production dependencies only (the bundle keeps packages external).
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# Bundle origin/main.ts (and what it imports from common/ and edge/) into one ESM file.
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY common ./common
COPY edge ./edge
COPY origin ./origin
RUN npx esbuild origin/main.ts --bundle --platform=node --target=node22 --format=esm \
      --packages=external --sourcemap --outfile=dist/origin/main.mjs

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    PORT=8080
WORKDIR /app
# Files stay root-owned: the service user can read them, not change them.
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/origin ./dist/origin
USER node
EXPOSE 8080
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/origin/main.mjs"]
