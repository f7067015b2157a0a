import { useDirection } from '@mantine/core';
import { Notifications } from '@mantine/notifications';

/** Messages in the bottom corner on the reading end, at most three: they never cover a page's heading. */
export default function Toasts() {
  const { dir } = useDirection();
  return <Notifications position={dir === 'rtl' ? 'bottom-left' : 'bottom-right'} limit={3} />;
}
