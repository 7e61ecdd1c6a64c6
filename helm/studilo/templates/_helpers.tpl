{{/*
Chart name (nameOverride wins).
*/}}
{{- define "studilo.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Full name prefix: the release name, plus the chart name unless the release name already contains it.
*/}}
{{- define "studilo.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart label value.
*/}}
{{- define "studilo.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object of the chart.
*/}}
{{- define "studilo.labels" -}}
helm.sh/chart: {{ include "studilo.chart" . }}
app.kubernetes.io/name: {{ include "studilo.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: studilo
{{- end }}

{{/*
Selector labels of one service: call with (dict "root" $ "name" "gateway").
*/}}
{{- define "studilo.selectorLabels" -}}
app.kubernetes.io/name: {{ include "studilo.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/*
All labels of one service's objects: call with (dict "root" $ "name" "gateway").
*/}}
{{- define "studilo.serviceLabels" -}}
{{ include "studilo.labels" .root }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{/*
Resource name of one service: call with (dict "root" $ "name" "gateway").
*/}}
{{- define "studilo.serviceName" -}}
{{- printf "%s-%s" (include "studilo.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
In-cluster base URL of one service's HTTP port: call with (dict "root" $ "name" "auth").
*/}}
{{- define "studilo.serviceUrl" -}}
{{- $svc := index .root.Values.services .name }}
{{- printf "http://%s:%v" (include "studilo.serviceName" .) $svc.ports.http }}
{{- end }}

{{/*
Image of one service: call with (dict "root" $ "svc" $svc).
*/}}
{{- define "studilo.image" -}}
{{- $img := .root.Values.image }}
{{- $tag := .svc.image.tag | default $img.tag | default .root.Chart.AppVersion }}
{{- printf "%s/%s/%s:%s" $img.registry $img.repository .svc.module $tag }}
{{- end }}

{{/*
ServiceAccount name.
*/}}
{{- define "studilo.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "studilo.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}
