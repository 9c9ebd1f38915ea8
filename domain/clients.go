package domain

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"unicode/utf8"
)

// NewClient is the body of a client create. Clockify ignores ccEmails and
// currencyId here, so only an update can set them.
type NewClient struct {
	Name    string
	Email   string
	Address string
	Note    string
}

// ClientUpdate is the body of a client PUT, which replaces the client: an
// omitted email, address, note or ccEmails is cleared and an omitted archived
// means false, but an omitted name or currency is kept.
type ClientUpdate struct {
	Name       *string
	Email      string
	Address    string
	Note       string
	Archived   bool
	CurrencyID *string
	CCEmails   []string

	ArchiveProjects bool // archive the client's projects along with it
	MarkTasksDone   bool // with ArchiveProjects, mark their tasks DONE
}

// maxCCEmails is the limit Clockify puts on a client's additional emails.
const maxCCEmails = 3

func clientName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return "", Invalidf("Client name must not be blank")
	}
	if utf8.RuneCountInString(name) > 100 {
		return "", Invalidf("Client name %s is longer than 100 characters", clip(name))
	}
	return name, nil
}

// maxClientText is Clockify's limit, in characters, on a client's address
// and on its note.
const maxClientText = 3000

func checkClientText(address, note string) error {
	if utf8.RuneCountInString(address) > maxClientText {
		return Invalidf("Client address is longer than %d characters", maxClientText)
	}
	if utf8.RuneCountInString(note) > maxClientText {
		return Invalidf("Client note is longer than %d characters", maxClientText)
	}
	return nil
}

// checkClientEmail accepts an empty email or one address.
func checkClientEmail(email string) error {
	email = strings.TrimSpace(email)
	if email == "" {
		return nil
	}
	if addr, err := mail.ParseAddress(email); err != nil || addr.Address != email {
		return Invalidf("email %s is not a valid email address", clip(email))
	}
	return nil
}

func clientConflict(err error, name string) error {
	if errors.Is(err, ErrConflict) {
		return Invalidf("Client with name '%s' already exists", name)
	}
	return err
}

// CreateClient creates a client in the actor's workspace.
func (s *Service) CreateClient(ctx context.Context, a Actor, in NewClient) (Client, error) {
	if err := a.Require(CreateProjects); err != nil {
		return Client{}, err
	}
	name, err := clientName(in.Name)
	if err != nil {
		return Client{}, err
	}
	if err := checkClientText(in.Address, in.Note); err != nil {
		return Client{}, err
	}
	if err := checkClientEmail(in.Email); err != nil {
		return Client{}, err
	}
	c := Client{ID: NewID(), WorkspaceID: a.Workspace.ID, Name: name, Email: strings.TrimSpace(in.Email),
		Address: in.Address, Note: in.Note}
	err = s.store.Update(ctx, func(tx Tx) error {
		return clientConflict(tx.CreateClient(ctx, c), name)
	})
	if err != nil {
		return Client{}, fmt.Errorf("create client: %w", err)
	}
	return c, nil
}

// Clients returns one page of the workspace's clients and whether it is the last.
func (s *Service) Clients(ctx context.Context, a Actor, f ClientFilter) ([]Client, bool, error) {
	var list []Client
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		list, err = tx.Clients(ctx, a.Workspace.ID, f)
		return err
	})
	if err != nil {
		return nil, false, fmt.Errorf("list clients: %w", err)
	}
	page, last := Cut(list, f.Page)
	return page, last, nil
}

// Client returns one client of the workspace.
func (s *Service) Client(ctx context.Context, a Actor, id string) (Client, error) {
	var c Client
	err := s.store.View(ctx, func(tx Tx) error {
		var err error
		c, err = getClient(ctx, tx, a.Workspace.ID, id)
		return err
	})
	if err != nil {
		return Client{}, fmt.Errorf("get client %s: %w", id, err)
	}
	return c, nil
}

func getClient(ctx context.Context, tx Tx, workspaceID, id string) (Client, error) {
	if !ValidID(id) {
		return Client{}, notBelong("Client")
	}
	c, err := tx.Client(ctx, workspaceID, id)
	if errors.Is(err, ErrNotFound) {
		return Client{}, notBelong("Client")
	}
	return c, err
}

// UpdateClient replaces a client's fields as described on ClientUpdate.
func (s *Service) UpdateClient(ctx context.Context, a Actor, id string, in ClientUpdate) (Client, error) {
	if err := a.Require(EditClients); err != nil {
		return Client{}, err
	}
	if len(in.CCEmails) > maxCCEmails {
		return Client{}, Invalidf("Number of additional emails must be less than %d", maxCCEmails)
	}
	for _, e := range append([]string{in.Email}, in.CCEmails...) {
		if err := checkClientEmail(e); err != nil {
			return Client{}, err
		}
	}
	if err := checkClientText(in.Address, in.Note); err != nil {
		return Client{}, err
	}
	var c Client
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		c, err = getClient(ctx, tx, a.Workspace.ID, id)
		if err != nil {
			return err
		}
		if in.Name != nil {
			if c.Name, err = clientName(*in.Name); err != nil {
				return err
			}
		}
		if in.CurrencyID != nil {
			// A workspace has one currency, whose id is the workspace's.
			if *in.CurrencyID != "" && *in.CurrencyID != a.Workspace.ID {
				return Invalidf("Currency %s doesn't belong to Workspace", clip(*in.CurrencyID))
			}
			c.CurrencyID = *in.CurrencyID
		}
		c.Email, c.Address, c.Note, c.Archived, c.CCEmails = strings.TrimSpace(in.Email), in.Address, in.Note, in.Archived, in.CCEmails
		if err := clientConflict(tx.UpdateClient(ctx, c), c.Name); err != nil {
			return err
		}
		if c.Archived && in.ArchiveProjects {
			return archiveClientProjects(ctx, tx, c, in.MarkTasksDone)
		}
		return nil
	})
	if err != nil {
		return Client{}, fmt.Errorf("update client %s: %w", id, err)
	}
	return c, nil
}

// archiveClientProjects archives every active project of the client and,
// when markTasksDone is set, marks their active tasks DONE.
func archiveClientProjects(ctx context.Context, tx Tx, c Client, markTasksDone bool) error {
	active := false
	all := Page{Number: 1, Size: 1 << 30}
	projects, err := tx.Projects(ctx, c.WorkspaceID, ProjectFilter{ClientIDs: []string{c.ID}, ContainsClient: true, Archived: &active, Page: all})
	if err != nil {
		return err
	}
	for _, p := range projects {
		p, err := tx.Project(ctx, c.WorkspaceID, p.ID)
		if err != nil {
			return err
		}
		p.Archived = true
		if err := tx.UpdateProject(ctx, p); err != nil {
			return err
		}
		if !markTasksDone {
			continue
		}
		tasks, err := tx.Tasks(ctx, c.WorkspaceID, p.ID, TaskFilter{Active: new(true), Page: all})
		if err != nil {
			return err
		}
		for _, t := range tasks {
			t.Status = TaskDone
			if err := tx.UpdateTask(ctx, t); err != nil {
				return err
			}
		}
	}
	return nil
}

// DeleteClient deletes an archived client and returns it.
func (s *Service) DeleteClient(ctx context.Context, a Actor, id string) (Client, error) {
	if err := a.Require(EditClients); err != nil {
		return Client{}, err
	}
	var c Client
	err := s.store.Update(ctx, func(tx Tx) error {
		var err error
		c, err = getClient(ctx, tx, a.Workspace.ID, id)
		if err != nil {
			return err
		}
		if !c.Archived {
			return Invalidf("Cannot delete an active client")
		}
		err = tx.DeleteClient(ctx, a.Workspace.ID, id)
		if errors.Is(err, ErrConflict) {
			return Invalidf("Cannot delete client '%s': one of its projects has the name of a project without a client. Rename one of them first", c.Name)
		}
		return err
	})
	if err != nil {
		return Client{}, fmt.Errorf("delete client %s: %w", id, err)
	}
	return c, nil
}
