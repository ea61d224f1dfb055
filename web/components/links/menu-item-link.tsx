import { Menu, type MenuItemProps } from '@mantine/core'
import { createLink } from '@tanstack/react-router'
import type { AnchorAttributes } from './anchor-attributes.js'

/** Mantine's Menu.Item as a router link, keeping the router's typed `to`, `params` and `search`. */
export const MenuItemLink = /* @__PURE__ */ createLink(
  (props: MenuItemProps & AnchorAttributes) => <Menu.Item component="a" {...props} />,
)
