import type { Logger } from 'pino';
import type { Config } from '../config';
import { noTelemetry, type Telemetry } from './telemetry';

/**
 * Telemetry from configuration: Azure Monitor (APPLICATIONINSIGHTS_CONNECTION_STRING), an OTLP
 * endpoint (OTEL_EXPORTER_OTLP_ENDPOINT), both, or off. Off costs nothing: the SDK and the
 * exporters are required only inside the branches that use them (require, not import(): under
 * `node -r tsx/cjs` a dynamic import goes through the ES module resolver; see src/mde/create.ts).
 */
export function createTelemetry(config: Config['telemetry'], logger: Logger): Telemetry {
  const { azureMonitorConnectionString: connectionString, otlpEndpoint } = config;
  if (!connectionString && !otlpEndpoint) return noTelemetry;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createOtelTelemetry } = require('./otel-telemetry') as typeof import('./otel-telemetry');
  const spanExporters: import('@opentelemetry/sdk-trace-base').SpanExporter[] = [];
  const metricExporters: import('@opentelemetry/sdk-metrics').PushMetricExporter[] = [];
  if (connectionString) {
    const azure = require('@azure/monitor-opentelemetry-exporter') as typeof import('@azure/monitor-opentelemetry-exporter');
    spanExporters.push(new azure.AzureMonitorTraceExporter({ connectionString }));
    metricExporters.push(new azure.AzureMonitorMetricExporter({ connectionString }));
  }
  if (otlpEndpoint) {
    const base = otlpEndpoint.replace(/\/+$/, '');
    const { OTLPTraceExporter } = require('@opentelemetry/exporter-trace-otlp-http') as typeof import('@opentelemetry/exporter-trace-otlp-http');
    const { OTLPMetricExporter } = require('@opentelemetry/exporter-metrics-otlp-http') as typeof import('@opentelemetry/exporter-metrics-otlp-http');
    // The OTel convention for OTEL_EXPORTER_OTLP_ENDPOINT: the signal's path is appended.
    spanExporters.push(new OTLPTraceExporter({ url: `${base}/v1/traces` }));
    metricExporters.push(new OTLPMetricExporter({ url: `${base}/v1/metrics` }));
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  // Where, never the connection string (its instrumentation key is a credential of sorts).
  logger.info({ azureMonitor: Boolean(connectionString), otlp: Boolean(otlpEndpoint), metricIntervalMs: config.metricIntervalMs }, 'telemetry on');
  return createOtelTelemetry({ spanExporters, metricExporters, serviceName: config.serviceName, metricIntervalMs: config.metricIntervalMs });
}
