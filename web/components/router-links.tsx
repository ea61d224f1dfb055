import {
  Anchor,
  Button,
  Menu,
  NavLink,
  type AnchorProps,
  type ButtonProps,
  type MenuItemProps,
  type NavLinkProps,
} from '@mantine/core'
import { createLink } from '@tanstack/react-router'
import type { AnchorHTMLAttributes, Ref } from 'react'

// Mantine components rendered as router links, keeping the router's typed
// `to`/`params`/`search` (Mantine's polymorphic `component` prop loses them).

type AnchorAttributes = AnchorHTMLAttributes<HTMLAnchorElement> & { ref?: Ref<HTMLAnchorElement> }

export const AnchorLink = createLink((props: AnchorProps & AnchorAttributes) => (
  <Anchor component="a" {...props} />
))

export const ButtonLink = createLink((props: ButtonProps & AnchorAttributes) => (
  <Button component="a" {...props} />
))

export const NavLinkRouter = createLink((props: NavLinkProps & AnchorAttributes) => (
  <NavLink component="a" {...props} />
))

export const MenuItemLink = createLink((props: MenuItemProps & AnchorAttributes) => (
  <Menu.Item component="a" {...props} />
))
