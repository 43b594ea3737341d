import assert from 'node:assert/strict';
import { test } from 'node:test';
import { kubeconfigLogin } from './kubeconfig.ts';

const cfg = (user: string, current = 'vireo') => `apiVersion: v1
kind: Config
clusters:
  - name: vireo
    cluster: { server: https://127.0.0.1:6443 }
users:
  - name: other
    user: { token: wrong }
  - name: vireo-admin
    user: ${user}
contexts:
  - name: vireo
    context: { cluster: vireo, user: vireo-admin, namespace: default }
current-context: ${current}
`;

test("the current context's user's token and name", () => {
  assert.deepEqual(kubeconfigLogin(cfg('{ token: abc123 }')), { token: 'abc123', user: 'vireo-admin' });
});

test('client-certificate users are refused with a reason; other problems say what is missing', () => {
  assert.deepEqual(kubeconfigLogin(cfg('{ client-certificate-data: AAA, client-key-data: BBB }')), { problem: 'kubeconfig.clientCert', vars: { name: 'vireo-admin' } });
  assert.deepEqual(kubeconfigLogin(cfg('{ username: a, password: b }')), { problem: 'kubeconfig.noToken', vars: { name: 'vireo-admin' } });
  assert.deepEqual(kubeconfigLogin(cfg('{ token: x }', 'missing')), { problem: 'kubeconfig.noContext' });
  assert.deepEqual(kubeconfigLogin(cfg('{ token: x }').replace('user: vireo-admin, ', 'user: ghost, ')), { problem: 'kubeconfig.noUser', vars: { name: 'ghost' } });
  assert.equal((kubeconfigLogin('a: [b') as { problem: string }).problem, 'kubeconfig.badYaml');
  assert.equal((kubeconfigLogin('just text') as { problem: string }).problem, 'kubeconfig.badYaml');
});
