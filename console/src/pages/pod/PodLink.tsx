// A pod's name as a link to its Pod details page (the VM Overview's launcher pod).
import { useRouter } from '../../context.tsx';
import { routePath } from '../../route.ts';

export function PodLink({ namespace, name }: { namespace: string; name: string }) {
  const { navigate } = useRouter();
  const route = { page: 'pod', namespace, name } as const;
  return (
    <a href={routePath(route)} onClick={(e) => (e.preventDefault(), navigate(route))}>
      {name}
    </a>
  );
}
