package session

// Latest is the id of the last of metas (in List's order, oldest first)
// that holds an answer, else of the last one; "" when metas is empty.
func Latest(metas []Meta) string {
	for i := len(metas) - 1; i >= 0; i-- {
		if len(metas[i].Answers) > 0 {
			return metas[i].ID
		}
	}
	if len(metas) == 0 {
		return ""
	}
	return metas[len(metas)-1].ID
}
