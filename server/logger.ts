import pino from 'pino'

export type Logger = pino.Logger

/** JSON logs; secrets are redacted wherever they might appear. Tests may pass where lines go. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
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
    },
    destination,
  )
}
