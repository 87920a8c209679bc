// Flags database and cache ports published on every host interface (`5432:5432`, `- 6379`), which
// Docker opens in the host firewall too; binding to 127.0.0.1 keeps them local.
import { fileCheck, isYamlMap, yamlGet, type EditSpec, type LineIndex } from '../../../server/src/engine/ruleApi';
import { insertIntoMap, replaceNode } from '../../kubernetes/_lib/yaml-edit';
import { groupedReporter, ports, services, type PublishedPort } from '../_lib/service';

const DATABASES: ReadonlyMap<number, string> = new Map([
  [5432, 'PostgreSQL'], [3306, 'MySQL/MariaDB'], [1433, 'SQL Server'], [1521, 'Oracle'], [27017, 'MongoDB'], [27018, 'MongoDB'],
  [6379, 'Redis'], [9200, 'Elasticsearch'], [9300, 'Elasticsearch'], [11211, 'Memcached'], [5984, 'CouchDB'], [9042, 'Cassandra'],
  [8086, 'InfluxDB'], [2379, 'etcd'], [5672, 'RabbitMQ'], [9092, 'Kafka'], [2181, 'ZooKeeper'], [7687, 'Neo4j'], [26257, 'CockroachDB'],
  [8123, 'ClickHouse'], [28015, 'RethinkDB'], [8529, 'ArangoDB'],
]);

function containerPorts(spec: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(spec.trim());
  if (!m) return [];
  const lo = Number(m[1]);
  const hi = m[2] !== undefined ? Number(m[2]) : lo;
  if (hi - lo > 1000) return [];
  return [...DATABASES.keys()].filter((p) => p >= lo && p <= hi);
}

function allInterfaces(ip: string | undefined): boolean {
  return ip === undefined || ip === '' || ip === '0.0.0.0' || ip === '::' || ip === '[::]';
}

export default fileCheck<'compose'>((ctx) => {
  const out = groupedReporter(ctx);
  for (const svc of services(ctx)) {
    for (const p of ports(svc)) {
      if (!allInterfaces(p.hostIp)) continue;
      const db = containerPorts(p.containerPort)[0];
      if (db === undefined) continue;
      const edit = bindLocal(ctx.file, p);
      out.add('exposed', p.span, svc.name, { port: p.hostPort ?? 'a random port', db: DATABASES.get(db)!, target: String(db) }, edit ? [{ fixId: 'bindLocal', safety: 'needs-review', edits: [edit] }] : []);
    }
  }
  out.flush();
});

function bindLocal(file: { text: string; lines: LineIndex }, p: PublishedPort): EditSpec | undefined {
  if (p.form === 'long') {
    if (!isYamlMap(p.node)) return undefined;
    const ip = yamlGet(p.node, 'host_ip');
    return ip ? replaceNode(ip, '127.0.0.1') : insertIntoMap(file, p.node, ['host_ip: 127.0.0.1']);
  }
  const raw = file.text.slice(p.span.start, p.span.end);
  if (raw.includes('$')) return undefined;
  const q = raw[0] === '"' || raw[0] === "'" ? 1 : 0;
  const body = raw.slice(q, q ? -1 : undefined);
  const start = p.span.start + q;
  if (/^(0\.0\.0\.0|::|\[::\]):/.test(body)) {
    const ipEnd = body.indexOf(':', body.startsWith('[') ? body.indexOf(']') : 0);
    return { span: { start, end: start + ipEnd }, newText: '127.0.0.1' };
  }
  const prefix = p.hostPort === undefined ? '127.0.0.1::' : '127.0.0.1:';
  // A plain number must become a quoted string once it holds colons.
  return q ? { span: { start, end: start }, newText: prefix } : { span: p.span, newText: `"${prefix}${body}"` };
}
