// The VirtualMachine the control-plane benchmarks create: Halted, one disk, about 600 bytes.
export const benchVm = (i: number) => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: `vm-${i}`, labels: { app: 'bench' } },
  spec: {
    runStrategy: 'Halted',
    template: {
      spec: {
        domain: { cpu: { cores: 1 }, devices: { disks: [{ name: 'root', disk: { bus: 'virtio' } }] }, resources: { requests: { memory: '128Mi' } } },
        volumes: [{ name: 'root', containerDisk: { image: 'vireo.local/tiny:latest' } }],
      },
    },
  },
});
