// Writes docs/notifications.md from the templates. templates.test.ts fails when the committed file differs.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderNotificationsDoc } from '../src/templates/doc';

const target = join(__dirname, '..', '..', '..', 'docs', 'notifications.md');
writeFileSync(target, renderNotificationsDoc());
console.log(`wrote ${target}`);
