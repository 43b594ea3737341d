import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectLang, translate } from './i18n.ts';

test('language from navigator.language', () => {
  assert.equal(detectLang('ja'), 'ja');
  assert.equal(detectLang('ja-JP'), 'ja');
  assert.equal(detectLang('en-US'), 'en');
  assert.equal(detectLang('de'), 'en');
  assert.equal(detectLang(undefined), 'en');
});

test('lookup and variables in both languages', () => {
  assert.equal(translate('en', 'tree.allProjects'), 'All projects');
  assert.equal(translate('ja', 'tree.allProjects'), 'すべてのプロジェクト');
  assert.equal(translate('en', 'action.failed', { action: 'Stop' }), 'Stop failed');
  assert.equal(translate('ja', 'header.user', { last4: 'ab12' }), 'トークン …ab12');
  assert.equal(translate('en', 'login.failed'), 'Login failed: {message}', 'a missing variable stays visible');
});
