import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { AggregationTemporality, InMemoryMetricExporter, type MetricData } from '@opentelemetry/sdk-metrics';
import { createOtelTelemetry } from '../../src/telemetry/otel-telemetry';
import type { Telemetry } from '../../src/telemetry/telemetry';

/**
 * The real OpenTelemetry SDK behind Verdict's telemetry port, exporting to memory: spans as each
 * ends, metrics when `flush` shuts the providers down (a final collection, gauges included).
 */
export function captureTelemetry(): { telemetry: Telemetry; spans(): ReadableSpan[]; flush(): Promise<MetricData[]> } {
  const spanExporter = new InMemorySpanExporter();
  const metricExporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
  // An hour: metrics are exported only by flush, so a test reads one final, complete collection.
  const telemetry = createOtelTelemetry({ spanExporters: [spanExporter], metricExporters: [metricExporter], spanBatching: false, metricIntervalMs: 3_600_000 });
  return {
    telemetry,
    spans: () => spanExporter.getFinishedSpans(),
    async flush() {
      await telemetry.shutdown();
      return metricExporter.getMetrics().flatMap((r) => r.scopeMetrics.flatMap((s) => s.metrics));
    },
  };
}
