package domain

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
)

// UserFieldValue is a user custom field value of a workspace member.
// Source is USER for a value set on the member and WORKSPACE for the
// field's default.
type UserFieldValue struct {
	Field  CustomField
	UserID string
	Source string
	Value  any
}

// SetUserFieldValue sets or, with a JSON null or "" value, clears one user
// custom field value of a member. Admins set anyone's values. Other members
// set their own, except in fields that only admins may edit.
func (s *Service) SetUserFieldValue(ctx context.Context, a Actor, userID, fieldID string, raw json.RawMessage) (UserFieldValue, error) {
	var out UserFieldValue
	err := s.store.Update(ctx, func(tx Tx) error {
		if _, err := profileMember(ctx, tx, a, userID, false); err != nil {
			return err
		}
		fields, err := tx.CustomFields(ctx, a.Workspace.ID)
		if err != nil {
			return err
		}
		out, err = setUserField(ctx, tx, a, userID, fields, FieldInput{FieldID: fieldID, Value: raw})
		return err
	})
	if err != nil {
		return UserFieldValue{}, fmt.Errorf("set custom field %s of user %s: %w", fieldID, userID, err)
	}
	return out, nil
}

// setUserField writes one user field value after the checks of
// SetUserFieldValue. The caller has checked that userID is a member.
func setUserField(ctx context.Context, tx Tx, a Actor, userID string, fields []CustomField, in FieldInput) (UserFieldValue, error) {
	f, ok := fieldByID(fields, in.FieldID)
	if !ok || f.EntityType != FieldOfUser {
		return UserFieldValue{}, fieldNotFound(a.Workspace.ID, in.FieldID)
	}
	if f.Status == FieldInactive {
		return UserFieldValue{}, Invalidf("Custom field %s is inactive, so it takes no value", clip(f.Name))
	}
	if userID != a.User.ID && !a.IsAdmin() {
		return UserFieldValue{}, ErrAccessDenied
	}
	value, err := f.DecodeFieldValue(in.Value)
	if err != nil {
		return UserFieldValue{}, err
	}
	if f.OnlyAdminCanEdit && !a.IsAdmin() {
		stored, err := tx.UserFieldValues(ctx, a.Workspace.ID, []string{userID})
		if err != nil {
			return UserFieldValue{}, err
		}
		var old any
		if i := slices.IndexFunc(stored[userID], func(v FieldValue) bool { return v.FieldID == f.ID }); i >= 0 {
			old = stored[userID][i].Value
		}
		if !sameFieldValue(old, value) {
			return UserFieldValue{}, Errorf(KindForbidden, CodeBusinessRule, "Only workspace admins may change custom field %s", clip(f.Name))
		}
	}
	if err := tx.SetUserFieldValue(ctx, a.Workspace.ID, userID, FieldValue{FieldID: f.ID, Value: value}); err != nil {
		return UserFieldValue{}, err
	}
	return UserFieldValue{Field: f, UserID: userID, Source: SourceUser, Value: value}, nil
}

// userFieldViews returns the user field values each member shows, by user
// id: for every user field that is not inactive, the member's own value or
// else the field's default. Fields with neither are left out.
func userFieldViews(ctx context.Context, tx Tx, workspaceID string, userIDs []string) (map[string][]UserFieldValue, error) {
	if len(userIDs) == 0 {
		return nil, nil
	}
	fields, err := tx.CustomFields(ctx, workspaceID)
	if err != nil || !slices.ContainsFunc(fields, func(f CustomField) bool { return f.EntityType == FieldOfUser }) {
		return nil, err
	}
	stored, err := tx.UserFieldValues(ctx, workspaceID, userIDs)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]UserFieldValue, len(userIDs))
	for _, userID := range userIDs {
		for _, f := range fields {
			if f.EntityType != FieldOfUser || f.Status == FieldInactive {
				continue
			}
			v := UserFieldValue{Field: f, UserID: userID, Source: SourceUser}
			if i := slices.IndexFunc(stored[userID], func(s FieldValue) bool { return s.FieldID == f.ID }); i >= 0 {
				v.Value = stored[userID][i].Value
			} else if f.DefaultValue != nil {
				v.Value, v.Source = f.DefaultValue, SourceWorkspace
			}
			if v.Value != nil {
				out[userID] = append(out[userID], v)
			}
		}
	}
	return out, nil
}

// profileMember returns the member userID of the actor's workspace, whose
// profile the actor may read (read) or change. Members read and change
// their own, admins anyone's, and team managers read those of their team.
func profileMember(ctx context.Context, tx Tx, a Actor, userID string, read bool) (Member, error) {
	allowed := userID == a.User.ID || a.IsAdmin() || (read && a.ManagesUser(userID))
	if !allowed {
		return Member{}, ErrAccessDenied
	}
	if !ValidID(userID) {
		return Member{}, notBelong("User")
	}
	m, err := tx.Member(ctx, a.Workspace.ID, userID)
	if errors.Is(err, ErrNotFound) {
		return Member{}, notBelong("User")
	}
	return m, err
}

// MemberCustomFieldValues returns the user custom field values of the given
// members, by user id, inside a transaction the caller runs. Reports use it
// to filter by user custom fields. Each value is the member's own or else
// the field's default, for every user field that is not inactive.
func MemberCustomFieldValues(ctx context.Context, tx Tx, workspaceID string, userIDs []string) (map[string][]UserFieldValue, error) {
	return userFieldViews(ctx, tx, workspaceID, userIDs)
}
