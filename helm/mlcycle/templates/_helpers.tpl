{{/* Labels shared by every object of the release. */}}
{{- define "mlcycle.labels" -}}
app.kubernetes.io/name: mlcycle-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "mlcycle.selector" -}}
app.kubernetes.io/name: mlcycle-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
