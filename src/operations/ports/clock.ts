/** Time comes in from outside, so that use cases can be tested at any moment. */
export interface Clock {
  now(): Date;
}
