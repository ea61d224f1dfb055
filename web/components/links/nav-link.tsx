import { NavLink, type NavLinkProps } from '@mantine/core'
import { createLink } from '@tanstack/react-router'
import type { AnchorAttributes } from './anchor-attributes.js'

/** Mantine's NavLink as a router link, keeping the router's typed `to`, `params` and `search`. */
export const NavLinkRouter = /* @__PURE__ */ createLink(
  (props: NavLinkProps & AnchorAttributes) => <NavLink component="a" {...props} />,
)
