// Default and trivially weak passwords, bundled as data so the rules work offline.
// Sources: the example and default credentials documented for popular images and tools (PostgreSQL
// `postgres`/`example`, MySQL/MariaDB `root`/`example`, MongoDB `example`, RabbitMQ `guest`, MinIO
// `minioadmin`, Grafana `admin`, Elasticsearch `changeme`, Jenkins, SonarQube, Keycloak, Oracle),
// and the head of the UK NCSC "100,000 most common passwords" list (PwnedPasswords top 100k, 2019).
// Matching is case-insensitive and on the whole value.

export const WEAK_PASSWORDS: ReadonlySet<string> = new Set([
  // documented image and product defaults
  'postgres', 'postgresql', 'mysql', 'mariadb', 'root', 'toor', 'example', 'mongo', 'mongodb', 'redis', 'guest', 'rabbitmq',
  'minioadmin', 'minio123', 'admin', 'administrator', 'changeme', 'change_me', 'change-me', 'changeit', 'elastic', 'kibana',
  'grafana', 'keycloak', 'sonar', 'jenkins', 'oracle', 'manager', 'sa', 'superuser', 'docker', 'default', 'secret', 'password',
  'pass', 'passwd', 'pwd', 'user', 'test', 'testing', 'demo', 'dev', 'development', 'local', 'localhost', 'db', 'database',
  // most common passwords (NCSC top list head)
  '123456', '123456789', '12345', '1234', '123', '12345678', '1234567', '1234567890', '111111', '000000', '123123', '654321',
  'qwerty', 'qwerty123', 'qwertyuiop', 'abc123', 'password1', 'password123', 'passw0rd', 'p@ssw0rd', 'p@ssword', 'letmein',
  'welcome', 'iloveyou', 'monkey', 'dragon', 'football', 'sunshine', 'princess', 'master', 'login', 'admin123', 'admin1234',
  'root123', 'pass123', 'secret123', 'test123', 'temp', 'temp123', 'trustno1', 'whatever', 'qazwsx', '1q2w3e4r', 'aa123456',
]);

/**
 * Environment variable or key names that hold a password or a secret: `POSTGRES_PASSWORD`, `ADMIN_PASS`,
 * `adminPassword`, `rootPass`, `clientSecret`. Names of a file, a URL, a policy or of the key inside a
 * Secret (`passwordKey`, `existingSecret`, `secretName`) are not.
 */
export function isPasswordName(name: string): boolean {
  const holds = /(password|passwd|passphrase|secret)/i.test(name) || /(^|_)(PASS|PWD)$/i.test(name) || /[a-z](Pass|Pwd)$/.test(name);
  if (!holds) return false;
  if (/(_FILE|_PATH|_URL|_URI|_POLICY|_LENGTH|_HASH|_SALT_ROUNDS|_RESET|_EXPIRY|_MIN|_MAX|_NAME|_REF|_KEY_REF|_ENABLED)$/i.test(name)) return false;
  if (/[a-z](Name|Ref|File|Path|Policy|Length|Hash|Url|Uri|Enabled|Keys)$/.test(name) || /^existing/i.test(name)) return false;
  return !/password[a-z]*Key$/i.test(name);
}

/** Key names that hold a user name, for the "password equals the user" check. */
export function isUserName(name: string): boolean {
  return /(^|_)(USER|USERNAME|LOGIN|USR)$/i.test(name) || /(user|username|login)$/i.test(name);
}

export function isWeakPassword(value: string): boolean {
  return WEAK_PASSWORDS.has(value.trim().toLowerCase());
}
