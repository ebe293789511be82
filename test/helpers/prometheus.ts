/** Reads a running bot's `/metrics` with a Prometheus text parser, and picks series from it. */
import parsePrometheusTextFormat, { type PrometheusFamily, type PrometheusSample } from 'parse-prometheus-text-format';

export type Families = PrometheusFamily[];

/**
 * Parses the exposition. The parser folds a labelled histogram into one unlabelled sample,
 * so histogram TYPE lines are dropped first: each histogram is then read as its plain
 * `_bucket`, `_sum` and `_count` series, labels kept.
 */
export function parseMetrics(text: string): Families {
  return parsePrometheusTextFormat(text.replace(/^# TYPE \S+ histogram\n/gm, ''));
}

/** `/metrics` beside the Slack endpoint `eventsUrl`; throws unless it answers 200. */
export async function scrape(eventsUrl: string, token?: string): Promise<Families> {
  const response = await fetch(eventsUrl.replace('/slack/events', '/metrics'), token ? { headers: { authorization: `Bearer ${token}` } } : {});
  if (response.status !== 200) throw new Error(`/metrics answered ${response.status}`);
  return parseMetrics(await response.text());
}

/** The series of `name` whose labels include `labels`, or undefined when there is none. */
function series(families: Families, name: string, labels: Record<string, string> = {}): PrometheusSample | undefined {
  // A histogram's series of one name come in runs, one per label set: each run is a family.
  const samples = families.filter((f) => f.name === name).flatMap((f) => f.metrics);
  return samples.find((m) => Object.entries(labels).every(([key, value]) => m.labels?.[key] === value));
}

/** A series' value; 0 for a series not (yet) exposed, as Prometheus reads a counter never incremented. */
export function valueOf(families: Families, name: string, labels: Record<string, string> = {}): number {
  return Number(series(families, name, labels)?.value ?? 0);
}
