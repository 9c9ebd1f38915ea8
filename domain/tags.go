package domain

import (
	"context"
	"errors"
	"fmt"
	"strings"
)

// TagUpdate is the body of a tag PUT, which replaces the tag: an omitted
// archived means false (Clockify un-archives the tag), but an omitted name is
// kept.
type TagUpdate struct {
	Name     *string
	Archived bool
}

// maxTagName is the length limit of Clockify's TagRequest name.
const maxTagName = 100

func tagName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", Invalidf("Tag name must not be blank")
	}
	if len([]rune(name)) > maxTagName {
		return "", Invalidf("Tag name %s is longer than %d characters", clip(name), maxTagName)
	}
	return name, nil
}

func tagConflict(err error, name string) error {
	if errors.Is(err, ErrConflict) {
		return Invalidf("Tag with name '%s' already exists", name)
	}
	return err
}

// CreateTag creates an active tag in the actor's workspace.
func (s *Service) CreateTag(ctx context.Context, a Actor, name string) (Tag, error) {
	if err := a.Require(CreateTags); err != nil {
		return Tag{}, err
	}
	name, err := tagName(name)
	if err != nil {
		return Tag{}, err
	}
	t := Tag{ID: NewID(), WorkspaceID: a.Workspace.ID, Name: name}
	err = s.store.Update(ctx, func(tx Tx) error {
		return tagConflict(tx.CreateTag(ctx, t), name)
	})
	if err != nil {
		return Tag{}, fmt.Errorf("create tag: %w", err)
	}
	return t, nil
}

// Tags returns one page of the workspace's tags and whether it is the last.
func (s *Service) Tags(ctx context.Context, a Actor, f TagFilter) ([]Tag, bool, error) {
	var list []Tag
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		list, err = tx.Tags(ctx, a.Workspace.ID, f)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("list tags: %w", err)
	}
	page, last := Cut(list, f.Page)
	return page, last, nil
}

// Tag returns one tag of the workspace.
func (s *Service) Tag(ctx context.Context, a Actor, id string) (Tag, error) {
	var t Tag
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		t, err = getTag(ctx, tx, a.Workspace.ID, id)
		return err
	})
	if err != nil {
		return Tag{}, fmt.Errorf("get tag %s: %w", id, err)
	}
	return t, nil
}

func getTag(ctx context.Context, tx Tx, workspaceID, id string) (Tag, error) {
	if !ValidID(id) {
		return Tag{}, notBelong("Tag")
	}
	t, err := tx.Tag(ctx, workspaceID, id)
	if errors.Is(err, ErrNotFound) {
		return Tag{}, notBelong("Tag")
	}
	return t, err
}

// UpdateTag replaces a tag's fields as described on TagUpdate.
func (s *Service) UpdateTag(ctx context.Context, a Actor, id string, in TagUpdate) (Tag, error) {
	if err := a.Require(EditTags); err != nil {
		return Tag{}, err
	}
	var t Tag
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		t, err = getTag(ctx, tx, a.Workspace.ID, id)
		if err != nil {
			return err
		}
		if in.Name != nil {
			if t.Name, err = tagName(*in.Name); err != nil {
				return err
			}
		}
		t.Archived = in.Archived
		return tagConflict(tx.UpdateTag(ctx, t), t.Name)
	})
	if err != nil {
		return Tag{}, fmt.Errorf("update tag %s: %w", id, err)
	}
	return t, nil
}

// DeleteTag deletes a tag, archived or not, takes it off the time entries
// that carry it, and returns it.
func (s *Service) DeleteTag(ctx context.Context, a Actor, id string) (Tag, error) {
	if err := a.Require(EditTags); err != nil {
		return Tag{}, err
	}
	var t Tag
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		t, err = getTag(ctx, tx, a.Workspace.ID, id)
		if err != nil {
			return err
		}
		return tx.DeleteTag(ctx, a.Workspace.ID, id)
	})
	if err != nil {
		return Tag{}, fmt.Errorf("delete tag %s: %w", id, err)
	}
	return t, nil
}
