{{/*
The alert rules, in Prometheus' rule-file shape (groups:), shared by the PrometheusRule and the plain rule file.
Every alert names the object to look at and the kubectl command that says why.
*/}}
{{- define "mlcycle.ruleGroups" -}}
groups:
  - name: mlcycle.resources
    rules:
      - alert: MlcycleDriftDetected
        expr: mlcycle_drift_drifted == 1
        labels: {severity: warning}
        annotations:
          summary: 'DriftMonitor {{ "{{" }} $labels.namespace {{ "}}" }}/{{ "{{" }} $labels.monitor {{ "}}" }} detects drift'
          description: 'Live traffic drifted from the served model''s training data for spec.trigger.consecutiveWindows windows. See the drifted features and any retrain: kubectl describe driftmonitor -n {{ "{{" }} $labels.namespace {{ "}}" }} {{ "{{" }} $labels.monitor {{ "}}" }}'
      - alert: MlcycleRolloutRolledBack
        expr: mlcycle_inferenceservice_rolled_back == 1
        labels: {severity: warning}
        annotations:
          summary: 'InferenceService {{ "{{" }} $labels.namespace {{ "}}" }}/{{ "{{" }} $labels.name {{ "}}" }} rolled its last rollout back'
          description: 'The canary failed its analysis or was aborted; all traffic went back to the stable version, which keeps serving. The reason is in status.lastRollout: kubectl get inferenceservice -n {{ "{{" }} $labels.namespace {{ "}}" }} {{ "{{" }} $labels.name {{ "}}" }} -o jsonpath={.status.lastRollout}'
      - alert: MlcycleInferenceServiceNotReady
        expr: mlcycle_inferenceservice_ready == 0
        for: {{ .Values.metrics.alerts.notReadyFor }}
        labels: {severity: critical}
        annotations:
          summary: 'InferenceService {{ "{{" }} $labels.namespace {{ "}}" }}/{{ "{{" }} $labels.name {{ "}}" }} is not Ready'
          description: 'Clients get no answers from it. Its Ready condition says why: kubectl describe inferenceservice -n {{ "{{" }} $labels.namespace {{ "}}" }} {{ "{{" }} $labels.name {{ "}}" }}'
      - alert: MlcycleTrainingJobFailed
        expr: mlcycle_trainingjob_failed == 1
        labels: {severity: warning}
        annotations:
          summary: 'TrainingJob {{ "{{" }} $labels.namespace {{ "}}" }}/{{ "{{" }} $labels.name {{ "}}" }} failed'
          description: 'No ModelVersion was registered. Its conditions and the trainer''s last log lines say why: kubectl describe trainingjob -n {{ "{{" }} $labels.namespace {{ "}}" }} {{ "{{" }} $labels.name {{ "}}" }}'
      - alert: MlcycleReconcileErrors
        expr: sum by (kind) (rate(mlcycle_reconcile_seconds_count{outcome="error"}[10m])) > 0
        for: 15m
        labels: {severity: warning}
        annotations:
          summary: 'The mlcycle operator keeps failing to reconcile {{ "{{" }} $labels.kind {{ "}}" }} resources'
          description: 'Reconciles of this kind have ended in errors for 15 minutes; the operator''s log names the resource and the error: kubectl logs -n {{ .Release.Namespace }} deployment/mlcycle-operator'
  - name: mlcycle.serving
    rules:
      - alert: MlcycleServingErrors
        expr: |-
          sum by (namespace, model, version) (rate(mlcycle_inference_requests_total{outcome="SERVER_ERROR"}[5m]))
            / sum by (namespace, model, version) (rate(mlcycle_inference_requests_total[5m])) > {{ .Values.metrics.alerts.errorRatio }}
        for: 5m
        labels: {severity: critical}
        annotations:
          summary: 'Model {{ "{{" }} $labels.namespace {{ "}}" }}/{{ "{{" }} $labels.model {{ "}}" }} version {{ "{{" }} $labels.version {{ "}}" }} answers {{ "{{" }} $value | humanizePercentage {{ "}}" }} of its requests with server errors'
          description: 'Above {{ .Values.metrics.alerts.errorRatio }} for 5 minutes (429s count: the pods are saturated). Look at the serving pods: kubectl logs -n {{ "{{" }} $labels.namespace {{ "}}" }} -l mlcycle.io/inferenceservice={{ "{{" }} $labels.model {{ "}}" }},app.kubernetes.io/component=predictor'
      - alert: MlcycleServingLatencyHigh
        expr: |-
          histogram_quantile(0.99, sum by (namespace, model, version, le) (rate(mlcycle_inference_request_duration_seconds_bucket[5m]))) > {{ .Values.metrics.alerts.latencyP99Seconds }}
        for: 10m
        labels: {severity: warning}
        annotations:
          summary: 'Model {{ "{{" }} $labels.namespace {{ "}}" }}/{{ "{{" }} $labels.model {{ "}}" }} version {{ "{{" }} $labels.version {{ "}}" }} answers slowly: p99 {{ "{{" }} $value | humanizeDuration {{ "}}" }}'
          description: 'p99 above {{ .Values.metrics.alerts.latencyP99Seconds }} s for 10 minutes. mlcycle_engine_call_duration_seconds tells the model''s own time from queueing; more replicas (spec.replicas.max) or batching may help.'
{{- end -}}

{{/* Whether the Prometheus Operator's kinds go in: true, false, or auto (when monitoring.coreos.com/v1 is served). */}}
{{- define "mlcycle.withPrometheusOperator" -}}
{{- if eq (toString .enabled) "auto" -}}
{{- if .root.Capabilities.APIVersions.Has "monitoring.coreos.com/v1" }}true{{ end -}}
{{- else if .enabled -}}true{{- end -}}
{{- end -}}
