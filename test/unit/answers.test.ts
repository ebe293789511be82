/**
 * Contract: the receiver wrapper knows which requests still wait for Slack's answer. Work
 * that follows an answer waits for the last one in hand and a short lull after it (never
 * more than a second); a request is answered by its ack or, if no listener acks it, when
 * its handling ends; whoever holds an answer back hears when another request comes.
 */
import type { App, Receiver, ReceiverEvent } from '@slack/bolt';
import { expect, it } from 'vitest';
import { countAnswers } from '../../src/slack/answers.js';

/** A receiver that hands whatever the test gives it to the app, as Bolt's receivers do. */
function wrapped(processEvent: (event: ReceiverEvent) => Promise<void>) {
  let handOver!: (event: ReceiverEvent) => Promise<void>;
  const inner: Receiver = {
    init: (app: App) => (handOver = (event) => app.processEvent(event)),
    start: async () => undefined,
    stop: async () => undefined,
  };
  const { receiver, answers } = countAnswers(inner);
  receiver.init({ processEvent } as unknown as App);
  return { answers, deliver: (event: ReceiverEvent) => handOver(event) };
}

const event = (): ReceiverEvent => ({ body: {}, ack: async () => undefined });
const settledWithin = (promise: Promise<void>, ms: number) =>
  Promise.race([promise.then(() => true), new Promise<boolean>((done) => setTimeout(() => done(false), ms))]);

/** An app whose listener acks when the test says so, then keeps working. */
function acksOnCue() {
  const cues: (() => void)[] = [];
  const processEvent = async (e: ReceiverEvent) => {
    await new Promise<void>((cue) => cues.push(cue));
    await e.ack();
    await new Promise(() => undefined); // the work after the answer never ends here
  };
  return { processEvent, answer: (i: number) => cues[i]!() };
}

/** Longer than the lull a burst is over after, shorter than any wait the tests expect to last. */
const LULL = 60;

it('when no request is in hand, then all answers are given after a short lull', async () => {
  const { answers } = wrapped(async () => undefined);
  expect(await settledWithin(answers.allGiven(), LULL)).toBe(true);
});

it('when a request comes during the lull, then the answers wait for it too', async () => {
  const app = acksOnCue();
  const { answers, deliver } = wrapped(app.processEvent);
  const given = answers.allGiven();
  await new Promise((done) => setTimeout(done, 5)); // a moment into the lull
  void deliver(event());
  expect(await settledWithin(given, LULL)).toBe(false);
  app.answer(0);
  expect(await settledWithin(given, LULL)).toBe(true);
});

it('when two requests are in hand, then the answers are all given only once both are acked, however long their work goes on', async () => {
  const app = acksOnCue();
  const { answers, deliver } = wrapped(app.processEvent);
  void deliver(event());
  void deliver(event());
  const given = answers.allGiven();

  app.answer(0);
  expect(await settledWithin(given, LULL)).toBe(false);
  app.answer(1);
  expect(await settledWithin(given, LULL)).toBe(true);
});

it('when a request is handled without an ack, then it counts as answered when its handling ends', async () => {
  let finish!: () => void;
  const { answers, deliver } = wrapped(() => new Promise<void>((done) => (finish = done)));
  void deliver(event());
  const given = answers.allGiven();
  expect(await settledWithin(given, LULL)).toBe(false);
  finish();
  expect(await settledWithin(given, LULL)).toBe(true);
});

it('when an answer is slow, then the wait ends a second after it began, for everyone waiting', async () => {
  const app = acksOnCue();
  const { answers, deliver } = wrapped(app.processEvent);
  void deliver(event());
  const first = answers.allGiven();
  await new Promise((done) => setTimeout(done, 500));
  const later = answers.allGiven();
  expect(await settledWithin(first, 400)).toBe(false);
  expect(await settledWithin(Promise.all([first, later]).then(() => undefined), 300)).toBe(true);
});

it('when a request is acked and its handling ends too, then it is counted once', async () => {
  const { answers, deliver } = wrapped(async (e) => e.ack());
  await deliver(event());
  await deliver(event());
  // Counted twice, the tally would be below zero and never read as "all given".
  expect(await settledWithin(answers.allGiven(), LULL)).toBe(true);
});

it('when another request comes, then whoever waits for the next one hears it, and not before', async () => {
  const app = acksOnCue();
  const { answers, deliver } = wrapped(app.processEvent);
  void deliver(event());
  const next = answers.nextRequest();
  expect(await settledWithin(next, LULL)).toBe(false);
  void deliver(event());
  expect(await settledWithin(next, LULL)).toBe(true);
});
