import { AsyncLocalStorage } from 'node:async_hooks';
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Attributes, type Context, type Counter, type Histogram } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-base';
import { MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from '@opentelemetry/sdk-metrics';
import { safeAttributes } from './attributes';
import type { CounterName, HistogramName, SpanName, Telemetry, TelemetryAttributes } from './telemetry';

export interface OtelTelemetryOptions {
  spanExporters: SpanExporter[];
  metricExporters: PushMetricExporter[];
  serviceName?: string;
  serviceVersion?: string;
  /** How often metrics (and gauges) are read and exported; default 60 s. */
  metricIntervalMs?: number;
  /** Export each span as it ends (tests' in-memory exporter) instead of in batches. */
  spanBatching?: boolean;
}

const attrs = (a?: TelemetryAttributes): Attributes => safeAttributes(a);

/** A turn is a request served, an MDE or Graph call a dependency (how Application Insights files them). */
const KINDS: Partial<Record<SpanName, SpanKind>> = { 'verdict.activity': SpanKind.SERVER, 'mde.request': SpanKind.CLIENT, 'graph.request': SpanKind.CLIENT };

/**
 * The port over the OpenTelemetry SDK, with no global registration: the tracer and meter are this
 * object's own, and the current span travels in our own AsyncLocalStorage, so a turn's MDE calls
 * nest under it without a process-wide context manager (several composed bots can share a process).
 */
export function createOtelTelemetry(opts: OtelTelemetryOptions): Telemetry {
  const resource = resourceFromAttributes({ 'service.name': opts.serviceName ?? 'verdict', ...(opts.serviceVersion ? { 'service.version': opts.serviceVersion } : {}) });
  const spanProcessors = opts.spanExporters.map((e) => (opts.spanBatching === false ? new SimpleSpanProcessor(e) : new BatchSpanProcessor(e)));
  const tracerProvider = new BasicTracerProvider({ resource, spanProcessors });
  const readers = opts.metricExporters.map((exporter) => new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: opts.metricIntervalMs ?? 60_000 }));
  const meterProvider = new MeterProvider({ resource, readers });
  const tracer = tracerProvider.getTracer('verdict');
  const meter = meterProvider.getMeter('verdict');
  const current = new AsyncLocalStorage<Context>();
  const counters = new Map<CounterName, Counter>();
  const histograms = new Map<HistogramName, Histogram>();
  let stopping: Promise<void> | undefined;

  return {
    enabled: true,
    async span(name, attributes, work) {
      const parent = current.getStore() ?? ROOT_CONTEXT;
      const span = tracer.startSpan(name, { kind: KINDS[name] ?? SpanKind.INTERNAL, attributes: attrs(attributes) }, parent);
      const handle = {
        set: (a: TelemetryAttributes) => void span.setAttributes(attrs(a)),
        fail: (kind: string) => {
          span.setAttributes(attrs({ 'error.type': kind }));
          span.setStatus({ code: SpanStatusCode.ERROR });
        },
      };
      try {
        return await current.run(trace.setSpan(parent, span), () => work(handle));
      } catch (err) {
        // The error's kind only: its message may quote MDE or a person.
        span.setAttributes(attrs({ 'error.type': errorType(err) }));
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw err;
      } finally {
        span.end();
      }
    },
    count(name, attributes) {
      let counter = counters.get(name);
      if (!counter) counters.set(name, (counter = meter.createCounter(name)));
      counter.add(1, attrs(attributes));
    },
    record(name, value, attributes) {
      let histogram = histograms.get(name);
      if (!histogram) histograms.set(name, (histogram = meter.createHistogram(name, { unit: 's' })));
      histogram.record(value, attrs(attributes));
    },
    observe(name, read) {
      meter.createObservableGauge(name).addCallback(async (result) => {
        for (const o of await read()) result.observe(o.value, attrs(o.attributes));
      });
    },
    shutdown() {
      // A final export to a collector that is down retries for a while: a stopping bot waits at most this long.
      stopping ??= Promise.race([Promise.all([tracerProvider.shutdown(), meterProvider.shutdown()]).then(() => undefined), delay(SHUTDOWN_WAIT_MS)]);
      return stopping;
    },
  };
}

const SHUTDOWN_WAIT_MS = 5_000;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/** A short, fixed name for what was thrown: an MdeError's or GraphError's kind, else the class name. */
function errorType(err: unknown): string {
  const kind = (err as { kind?: unknown } | undefined)?.kind;
  if (typeof kind === 'string') return kind;
  return err instanceof Error ? err.name : typeof err;
}
