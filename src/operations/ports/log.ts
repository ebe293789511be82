/** The few logging calls the use cases make. */
/** The few logging calls the use cases make; pino fits it. */
export interface Log {
  warn(details: object, message: string): void;
  info(details: object, message: string): void;
}
