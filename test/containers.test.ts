// Container and cluster manifests beyond single-rule fixtures: Helm charts are listed as templates,
// never as broken YAML; the Dockerfile shell reader; and Kubernetes objects read across documents.
import * as assert from 'node:assert/strict';
import { analyzeMemory, CATALOG } from './helpers/repo';
import { invocation, parseScript, runScripts } from '../rules/docker/_lib/shell';
import type { DockerInstruction } from '../server/src/engine/ruleApi';

const DEPLOYMENT_TEMPLATE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "shop.fullname" . }}
spec:
  template:
    spec:
      containers:
        - name: shop
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"
          {{- with .Values.securityContext }}
          securityContext:
            {{- toYaml . | nindent 12 }}
          {{- end }}
`;

describe('Helm charts', () => {
  it('lists chart templates as not evaluated, never as YAML errors, and checks values.yaml', async () => {
    const report = await analyzeMemory({
      'charts/shop/Chart.yaml': 'apiVersion: v2\nname: shop\nversion: 1.0.0\n',
      'charts/shop/values.yaml': 'auth:\n  username: shop\n  password: changeme\n',
      'charts/shop/templates/deployment.yaml': DEPLOYMENT_TEMPLATE,
      'charts/shop/templates/_helpers.tpl': '{{- define "shop.fullname" -}}{{ .Release.Name }}{{- end }}\n',
    });
    const files = new Map(report.files.map((f) => [f.path, f]));
    assert.equal(files.get('charts/shop/templates/deployment.yaml')?.kind, 'helm-template');
    assert.equal(files.get('charts/shop/templates/deployment.yaml')?.status, 'not-evaluated');
    assert.match(files.get('charts/shop/templates/deployment.yaml')?.reason?.en ?? '', /Helm template/);
    assert.equal(files.get('charts/shop/values.yaml')?.status, 'evaluated');
    assert.ok(!report.files.some((f) => /YAML syntax error/.test(f.reason?.en ?? '')));
    assert.deepEqual(report.findings.filter((f) => f.path?.includes('/templates/')).map((f) => f.ruleId), []);
    assert.deepEqual(report.findings.filter((f) => f.ruleId === 'kubernetes/helm-default-password').map((f) => f.range?.start.line), [2]);
  });

  it('recognises templates by content when the chart has no Chart.yaml in the listing', async () => {
    const report = await analyzeMemory({
      'deploy/templates/deployment.yaml': DEPLOYMENT_TEMPLATE,
      'deploy/templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ template "x" . }}\nspec:\n  ports:\n    - port: {{ .Values.port }}\n',
      'deploy/broken.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\ndata: {{ fail "render me" }}: [\n',
    });
    const kinds = Object.fromEntries(report.files.map((f) => [f.path, `${f.kind} ${f.status}`]));
    assert.equal(kinds['deploy/templates/deployment.yaml'], 'helm-template not-evaluated');
    assert.equal(kinds['deploy/templates/service.yaml'], 'helm-template not-evaluated');
    assert.equal(kinds['deploy/broken.yaml'], 'helm-template not-evaluated');
    assert.deepEqual(report.findings.filter((f) => f.path !== undefined).map((f) => f.path), []);
  });

  it('still checks manifests that merely contain {{ }} in string values', async () => {
    const report = await analyzeMemory({
      'deploy/alerts.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: alert-templates\ndata:\n  slack.tmpl: |\n    {{ define "slack.title" }}{{ .CommonLabels.alertname }}{{ end }}\n',
    });
    assert.equal(report.files.find((f) => f.path === 'deploy/alerts.yaml')?.kind, 'kubernetes');
    assert.equal(report.files.find((f) => f.path === 'deploy/alerts.yaml')?.status, 'evaluated');
  });
});

describe('Dockerfile shell reader', () => {
  const ins = (text: string, argsStart: number): DockerInstruction => ({
    keyword: 'RUN',
    span: { start: 0, end: text.length },
    keywordSpan: { start: 0, end: 3 },
    argsText: text.slice(argsStart),
    argsSpan: { start: argsStart, end: text.length },
    args: [],
    flags: [],
    line: 0,
  });

  it('joins continuations, drops comment lines inside them and keeps file offsets', () => {
    const text = 'RUN apt-get update \\\n # refresh\n && sudo apt-get install -y curl';
    const [script] = runScripts(ins(text, 4), text);
    assert.ok(script);
    const pipelines = parseScript(script);
    const inv = invocation(pipelines[1]!.commands[0]!);
    assert.equal(inv?.base, 'apt-get');
    assert.equal(text.slice(inv.sudo!.start, inv.sudo!.end), 'sudo');
    assert.equal(text.slice(inv.name.start, inv.name.end), 'apt-get');
  });

  it('reads heredoc bodies run by a shell and skips those fed to other programs', () => {
    const text = 'RUN <<EOF\ncurl -fsSL https://example.com/x.sh | sh\nEOF';
    const scripts = runScripts(ins(text, 4), text);
    assert.equal(scripts.length, 1);
    assert.equal(parseScript(scripts[0]!)[0]?.commands.length, 2);
    const python = 'RUN python3 <<EOF\nimport os\nEOF';
    assert.deepEqual(runScripts(ins(python, 4), python).map((s) => s.text.trim()), ['python3']);
  });

  it('reads exec form as the shell would run it', () => {
    const text = 'RUN ["/bin/sh", "-c", "curl -s https://example.com | bash"]';
    const [script] = runScripts(ins(text, 4), text);
    assert.equal(script?.text, 'curl -s https://example.com | bash');
  });
});

describe('Kubernetes manifests', () => {
  it('reads workloads inside a List and treats kustomize patches as fragments', async () => {
    const list = 'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n    metadata:\n      name: p\n    spec:\n      containers:\n        - name: c\n          image: nginx:1.27\n          securityContext:\n            privileged: true\n';
    const patch = 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          resources:\n            limits:\n              memory: 1Gi\n';
    const report = await analyzeMemory({ 'deploy/list.yaml': list, 'overlays/prod/patch.yaml': patch }, CATALOG);
    assert.ok(report.findings.some((f) => f.ruleId === 'kubernetes/privileged-container' && f.path === 'deploy/list.yaml'));
    assert.deepEqual(report.findings.filter((f) => f.path === 'overlays/prod/patch.yaml').map((f) => f.ruleId), []);
  });
});
