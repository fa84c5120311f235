import path from 'node:path';

/** The repository's infra/ directory and the files the tests check. */
export const INFRA = path.resolve(__dirname, '..', '..');
export const ROOT = path.resolve(INFRA, '..');
export const PROMETHEUS_DIR = path.join(INFRA, 'prometheus');
export const RULES_DIR = path.join(PROMETHEUS_DIR, 'rules');
export const RULE_TESTS_DIR = path.join(PROMETHEUS_DIR, 'tests');
export const DASHBOARDS_DIR = path.join(INFRA, 'grafana', 'dashboards');
export const GRAFANA_PROVISIONING_DIR = path.join(INFRA, 'grafana', 'provisioning');
export const ALERTMANAGER_DIR = path.join(INFRA, 'alertmanager');
export const ALERTMANAGER_CONFIG = path.join(ALERTMANAGER_DIR, 'alertmanager.yml');
