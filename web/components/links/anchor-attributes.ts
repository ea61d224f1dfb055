import type { AnchorHTMLAttributes, Ref } from 'react'

// One file per link component: a shared module would pull Menu and NavLink
// into the first page's bundle through the one link it needs.
export type AnchorAttributes = AnchorHTMLAttributes<HTMLAnchorElement> & {
  ref?: Ref<HTMLAnchorElement>
}
