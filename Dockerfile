# One image for every Sluice role; the command picks the role (see docker-compose.yml).
FROM node:20-bookworm-slim
ENV PNPM_HOME=/pnpm PATH=/pnpm:$PATH NODE_ENV=production KAFKAJS_NO_PARTITIONER_WARNING=1
RUN npm i -g pnpm@9.15.9
WORKDIR /app
COPY . .
RUN pnpm install --frozen-lockfile
USER node
EXPOSE 8080
ENTRYPOINT ["pnpm", "--filter", "@sluice/embedded", "exec", "tsx", "src/main.ts"]
