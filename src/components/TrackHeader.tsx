import { AudioLines, Ellipsis, Eye, EyeOff, Film, Headphones, Image, Lock, LockOpen, Palette, Type, Volume2, VolumeX, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover, ToggleButton, Tooltip, TooltipTrigger } from 'react-aria-components';
import { channelMuted, channelSoloed, selectChannel, trackLockChanged, useCompositorDispatch, useCompositorSelector, type Track, type TrackKind } from '../state';
import { useTrackRow } from './useTrackRow';

const kindIcons: Record<TrackKind, LucideIcon> = { video: Film, audio: AudioLines, image: Image, color: Palette, text: Type };
const kindWords: Record<TrackKind, string> = { video: 'Video', audio: 'Audio', image: 'Image', color: 'Colour', text: 'Title' };

/** Icons are drawn for the eye; their button's name is what is read. */
const iconSize = 14;

/** A button with a tooltip of its name: an icon alone does not say what it does to a sighted person either. */
function IconTip({ label, children }: { label: string; children: ReactNode }) {
  return (
    <TooltipTrigger delay={600}>
      {children}
      <Tooltip className="mtk-tooltip" placement="top">
        {label}
      </Tooltip>
    </TooltipTrigger>
  );
}

/**
 * A track's header beside its clips on the timeline: its kind, name and state, and its controls as
 * icon buttons with names and tooltips (show or hide; mute and solo for sound; lock against
 * edits) and a menu for the rest (select, move up or down, retry where it helps, remove). The
 * widgets are React Aria's (`react-aria-components`): roles, keyboard and focus as the ARIA
 * practices say, without hand-written ARIA. The icons are Lucide's, imported one by one.
 */
export function TrackHeader({ track, isTop, isBottom }: { track: Track; isTop: boolean; isBottom: boolean }) {
  const row = useTrackRow(track);
  const dispatch = useCompositorDispatch();
  const channel = useCompositorSelector((state) => selectChannel(state, track.id));
  const KindIcon = kindIcons[track.kind];
  const { name } = track;
  const locked = track.locked === true;
  const menuActions: Record<string, () => void> = {
    select: row.toggleSelected,
    up: () => row.move('up'),
    down: () => row.move('down'),
    retry: row.retry,
    remove: row.remove,
  };
  return (
    <div className="mtk-track-header" data-status={row.status} data-selected={row.selected || undefined} data-track-id={track.id}>
      <KindIcon size={iconSize} aria-hidden className="mtk-track-kind" data-kind={track.kind} />
      <span className="mtk-track-header-name" title={`${kindWords[track.kind]}: ${name}`}>
        {name}
      </span>
      <span aria-label={`${name} status`} title={row.note ?? row.statusText} className="mtk-track-header-status" data-status={row.status}>
        {row.statusText}
      </span>
      {track.kind === 'audio' ? (
        <>
          <IconTip label={channel.muted ? `Unmute ${name}` : `Mute ${name}`}>
            <ToggleButton aria-label={`Mute ${name}`} isSelected={channel.muted} onChange={(muted) => dispatch(channelMuted({ id: track.id, muted }))} className="mtk-icon-button">
              {channel.muted ? <VolumeX size={iconSize} aria-hidden /> : <Volume2 size={iconSize} aria-hidden />}
            </ToggleButton>
          </IconTip>
          <IconTip label={`Solo ${name}`}>
            <ToggleButton aria-label={`Solo ${name}`} isSelected={channel.soloed} onChange={(soloed) => dispatch(channelSoloed({ id: track.id, soloed }))} className="mtk-icon-button">
              <Headphones size={iconSize} aria-hidden />
            </ToggleButton>
          </IconTip>
        </>
      ) : (
        <IconTip label={track.visible ? `Hide ${name}` : `Show ${name}`}>
          <Button aria-label={track.visible ? `Hide ${name}` : `Show ${name}`} onPress={row.toggleVisible} className="mtk-icon-button">
            {track.visible ? <Eye size={iconSize} aria-hidden /> : <EyeOff size={iconSize} aria-hidden />}
          </Button>
        </IconTip>
      )}
      <IconTip label={locked ? `Unlock ${name}` : `Lock ${name}`}>
        <ToggleButton aria-label={`Lock ${name}`} isSelected={locked} onChange={(lock) => dispatch(trackLockChanged({ id: track.id, locked: lock }))} className="mtk-icon-button">
          {locked ? <Lock size={iconSize} aria-hidden /> : <LockOpen size={iconSize} aria-hidden />}
        </ToggleButton>
      </IconTip>
      <MenuTrigger>
        <IconTip label={`More for ${name}`}>
          <Button aria-label={`More for ${name}`} className="mtk-icon-button">
            <Ellipsis size={iconSize} aria-hidden />
          </Button>
        </IconTip>
        <Popover className="mtk-popover" placement="bottom start">
          {/* Named by its trigger ("More for <name>"), as React Aria labels a menu. */}
          <Menu className="mtk-menu" onAction={(key) => menuActions[String(key)]?.()}>
            <MenuItem id="select" className="mtk-menu-item">
              {row.selected ? 'Deselect' : 'Select'}
            </MenuItem>
            {!isTop && (
              <MenuItem id="up" className="mtk-menu-item">
                Move up
              </MenuItem>
            )}
            {!isBottom && (
              <MenuItem id="down" className="mtk-menu-item">
                Move down
              </MenuItem>
            )}
            {row.canRetry && (
              <MenuItem id="retry" className="mtk-menu-item">
                Retry
              </MenuItem>
            )}
            <MenuItem id="remove" className="mtk-menu-item" data-danger="">
              Remove
            </MenuItem>
          </Menu>
        </Popover>
      </MenuTrigger>
    </div>
  );
}
