/**
 * runserver's three loggers built from the LOGGING setting: `server` (the request log, always
 * on, coloured on a terminal), `request` and `reload` (shown only with DEBUG unless configured,
 * as Django's console handler). Loggers writing to stderr share one sink, so lines keep their order.
 */
import path from 'node:path';
import { ImproperlyConfigured } from '../../errors.js';
import type { LoggerSettings, Settings } from '../../conf/settings.js';
import { createLogger, LOG_LEVELS, type Logger } from '../../http/log.js';
import { fileSink, streamSink, type LogSink } from '../../http/log-sink.js';
import type { Output } from '../command.js';

export interface RunserverLoggers {
  server: Logger;
  request: Logger;
  reload: Logger;
  /** Resolves once every line queued so far is written. */
  flush(): Promise<void>;
  /** Writes what is still queued and closes the log files. */
  close(): Promise<void>;
}

const NAMES = ['server', 'request', 'reload'] as const;
/** A level no message reaches: the logger is off. */
const OFF = Number.POSITIVE_INFINITY;

/** Without settings (they failed to load, the reloader serves its error page): the defaults. */
export function createLoggers(settings: Settings | undefined, stderr: Output): RunserverLoggers {
  const configured = (settings?.LOGGING.loggers ?? {}) as Readonly<Record<string, LoggerSettings | undefined>>;
  const unknown = Object.keys(configured).find((name) => !(NAMES as readonly string[]).includes(name));
  if (unknown) {
    throw new ImproperlyConfigured(`LOGGING.loggers has no logger named '${unknown}'; runserver's loggers are ${NAMES.join(', ')}.`);
  }
  const sinks = new Map<string, LogSink>();
  const sinkFor = (file: string | undefined): LogSink => {
    const key = file === undefined ? '' : path.resolve(settings?.BASE_DIR ?? '.', file);
    let sink = sinks.get(key);
    if (!sink) {
      sink = key === '' ? streamSink(stderr) : fileSink(key);
      sinks.set(key, sink);
    }
    return sink;
  };
  const build = (name: (typeof NAMES)[number]): Logger => {
    const config = configured[name];
    const level = levelOf(name, config);
    const onByDefault = name === 'server' || (settings?.DEBUG ?? true);
    return createLogger({
      level: config === undefined && !onByDefault ? OFF : level,
      sink: sinkFor(config?.file),
      timestamps: name === 'server',
      color: name === 'server' && config?.file === undefined && stderr.style.enabled,
    });
  };
  const loggers = { server: build('server'), request: build('request'), reload: build('reload') };
  return {
    ...loggers,
    async flush() {
      await Promise.all([...sinks.values()].map((sink) => sink.flush()));
    },
    async close() {
      await Promise.all([...sinks.values()].map((sink) => sink.close()));
    },
  };
}

function levelOf(name: string, config: LoggerSettings | undefined): number {
  const level = config?.level ?? 'INFO';
  if (!Object.hasOwn(LOG_LEVELS, level)) {
    throw new ImproperlyConfigured(
      `LOGGING.loggers.${name}.level must be one of ${Object.keys(LOG_LEVELS).join(', ')}, not ${JSON.stringify(level)}.`,
    );
  }
  return LOG_LEVELS[level];
}
