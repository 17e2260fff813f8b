# frontdesk: the TypeScript is compiled in the first stage; the image runs the
# JavaScript with the production dependencies only, as an unprivileged user.
#
#   docker build -t frontdesk .
#   docker run --env-file .env -p 3000:3000 frontdesk
#
# scripts/docker-steps.mjs carries these steps out without Docker, in a
# temporary directory, and npm test runs it: keep to the instructions it knows
# (FROM, WORKDIR, COPY, RUN, ENV, USER, EXPOSE, HEALTHCHECK, CMD).

FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts/ scripts/
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src/ src/
RUN npm run build

FROM node:22-slim
# NODE_COMPILE_CACHE: V8's compiled code kept between starts of the container (Node 22).
ENV NODE_ENV=production PORT=3000 NODE_COMPILE_CACHE=/tmp/node-compile-cache
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts: the build is done, and nothing of the production dependencies needs one.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/ dist/
COPY bin/ bin/
COPY app.yml ./
USER node
EXPOSE 3000
# 503 while draining at shutdown, 200 otherwise. HOST must include 127.0.0.1 (the default listens everywhere).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself as PID 1: SIGTERM from `docker stop` reaches the server, which drains for up to SHUTDOWN_TIMEOUT
# (default 25 s): give `docker stop` more than that, e.g. -t 30 (its default is 10 s).
CMD ["node", "dist/main.js"]
