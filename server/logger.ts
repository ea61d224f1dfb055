import pino from 'pino'

export type Logger = pino.Logger

/** JSON logs; secrets are redacted wherever they might appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'torget' },
    redact: {
      paths: [
        'password',
        '*.password',
        'token',
        '*.token',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
      ],
      censor: '[redacted]',
    },
  })
}
