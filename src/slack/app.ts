/**
 * The Bolt app and its transport: Socket Mode when an app token is set, otherwise HTTP
 * on PORT with signed requests. Health and metrics routes answer on the HTTP port either way.
 */
import { App, HTTPReceiver, SocketModeReceiver, type Receiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../config/env.js';
import { httpRoutes, type RouteSources } from '../http/routes.js';
import type { Logger } from '../logging.js';
import { countAnswers, type Answers } from './answers.js';
import { boltLogger } from './bolt-logger.js';

export interface Identity {
  botId: string;
  botUserId: string;
}

export interface SlackAppOptions {
  config: Config;
  identity: Identity;
  log: Logger;
  clientOptions: WebClientOptions;
  routes: RouteSources;
}

export function createSlackApp(options: SlackAppOptions): { app: App; answers: Answers } {
  const { config, identity, log, clientOptions } = options;
  const logger = boltLogger(log);
  const { receiver, answers } = countAnswers(createReceiver(options, logger));
  const app = new App({ token: config.slack.botToken, botId: identity.botId, botUserId: identity.botUserId, receiver, logger, clientOptions });
  return { app, answers };
}

function createReceiver(options: SlackAppOptions, logger: ReturnType<typeof boltLogger>): Receiver {
  const { config, clientOptions } = options;
  const customRoutes = httpRoutes(options.routes);
  if (config.slack.appToken) {
    return new SocketModeReceiver({
      appToken: config.slack.appToken,
      logger,
      customRoutes,
      installerOptions: { port: config.port, clientOptions },
    });
  }
  return new HTTPReceiver({ signingSecret: config.slack.signingSecret!, logger, customRoutes, port: config.port });
}
